-- Lowercase customer emails in batches, all inside the deploy transaction.
BEGIN;
DO $$
DECLARE
    lo bigint := 0;
BEGIN
    LOOP
        UPDATE customers SET email = lower(email)
        WHERE id > lo AND id <= lo + 20000 AND email <> lower(email);
        EXIT WHEN NOT EXISTS (SELECT 1 FROM customers WHERE id > lo + 20000);
        COMMIT;
        lo := lo + 20000;
    END LOOP;
END $$;
COMMIT;
