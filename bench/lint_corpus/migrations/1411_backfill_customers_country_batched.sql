-- Backfill missing customer countries to 'PL' in batches of 5,000 (ops script, run with psql).
CREATE OR REPLACE PROCEDURE backfill_customer_country()
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT coalesce(max(id), 0) INTO max_id FROM customers;
    WHILE last_id < max_id LOOP
        UPDATE customers SET country = 'PL'
        WHERE id > last_id AND id <= last_id + 5000 AND country IS NULL;
        last_id := last_id + 5000;
        COMMIT;
    END LOOP;
END $$;
CALL backfill_customer_country();
DROP PROCEDURE backfill_customer_country();
