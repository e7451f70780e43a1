-- GDPR: customers with no recorded choice are opted out of marketing.
BEGIN;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NULL OR NOT marketing_opt_in;
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
COMMIT;
