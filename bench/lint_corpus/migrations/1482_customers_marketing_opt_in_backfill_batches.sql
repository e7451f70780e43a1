-- GDPR: customers with no recorded choice are opted out of marketing (batched, autocommit).
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
DO $$
DECLARE
    done boolean := false;
BEGIN
    WHILE NOT done LOOP
        UPDATE customers SET marketing_opt_in = false
        WHERE id IN (SELECT id FROM customers WHERE marketing_opt_in IS NULL LIMIT 1000);
        done := NOT FOUND;
        COMMIT;
    END LOOP;
END $$;
