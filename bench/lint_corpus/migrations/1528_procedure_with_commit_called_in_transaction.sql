-- Backfill products.discontinued in batches through a procedure (deploy tool wraps each file in a transaction).
CREATE OR REPLACE PROCEDURE backfill_discontinued()
LANGUAGE plpgsql AS $$
DECLARE
    lo integer := 0;
BEGIN
    WHILE lo < (SELECT max(id) FROM products) LOOP
        UPDATE products SET discontinued = coalesce(discontinued, false) WHERE id > lo AND id <= lo + 500;
        lo := lo + 500;
        COMMIT;
    END LOOP;
END $$;
BEGIN;
CALL backfill_discontinued();
COMMIT;
