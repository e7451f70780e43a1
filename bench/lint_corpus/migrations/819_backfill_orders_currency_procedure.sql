-- Backfill currency for legacy rows in batches of 5000, committing between batches.
CREATE OR REPLACE PROCEDURE backfill_orders_currency(batch integer DEFAULT 5000)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT max(id) INTO max_id FROM orders;
    WHILE last_id < max_id LOOP
        UPDATE orders SET currency = upper(currency)
        WHERE id > last_id AND id <= last_id + batch AND currency <> upper(currency);
        last_id := last_id + batch;
        COMMIT;
    END LOOP;
END;
$$;

CALL backfill_orders_currency();
DROP PROCEDURE backfill_orders_currency(integer);
