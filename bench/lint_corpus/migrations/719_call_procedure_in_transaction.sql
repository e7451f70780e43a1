-- Batched backfill through a procedure that commits per batch -- run from the
-- deploy tool, which wraps every migration file in BEGIN/COMMIT.
BEGIN;
ALTER TABLE customers ADD COLUMN IF NOT EXISTS email_domain text;
CREATE OR REPLACE PROCEDURE backfill_email_domain()
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM customers;
    WHILE lo < hi LOOP
        UPDATE customers SET email_domain = split_part(email, '@', 2)
        WHERE id > lo AND id <= lo + 5000;
        COMMIT;
        lo := lo + 5000;
    END LOOP;
END
$$;
CALL backfill_email_domain();
COMMIT;
