-- Backfill orders.currency_code from currency in batches, committing each batch.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS currency_code text;

CREATE OR REPLACE PROCEDURE backfill_currency_code(batch_size int DEFAULT 5000)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT max(id) INTO max_id FROM orders;
    WHILE last_id < max_id LOOP
        UPDATE orders SET currency_code = lower(currency)
        WHERE id > last_id AND id <= last_id + batch_size AND currency_code IS NULL;
        last_id := last_id + batch_size;
        COMMIT;
    END LOOP;
END;
$$;

CALL backfill_currency_code(5000);
DROP PROCEDURE backfill_currency_code(int);
