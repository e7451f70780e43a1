-- Backfill marketing_opt_in = false for customers who never answered, in batches
CREATE PROCEDURE backfill_opt_in() LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM customers;
    WHILE lo <= hi LOOP
        UPDATE customers SET marketing_opt_in = false
        WHERE id > lo AND id <= lo + 2000 AND marketing_opt_in IS NULL;
        lo := lo + 2000;
        COMMIT;
    END LOOP;
END $$;
CALL backfill_opt_in();
DROP PROCEDURE backfill_opt_in();
