BEGIN;
-- lock the rows first so the consent service cannot change them mid-way
SELECT count(*) FROM (SELECT id FROM customers WHERE status = 'active' FOR UPDATE) locked;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NULL AND status = 'active';
COMMIT;
