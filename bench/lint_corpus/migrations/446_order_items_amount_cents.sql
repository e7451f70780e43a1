-- Money as integer cents on order lines, backfilled in small committed batches.
ALTER TABLE order_items ADD COLUMN unit_price_cents bigint;

CREATE OR REPLACE PROCEDURE backfill_unit_price_cents(batch_size int DEFAULT 5000)
LANGUAGE plpgsql
AS $$
DECLARE
    last_order bigint := 0;
    max_order  bigint;
BEGIN
    SELECT max(order_id) INTO max_order FROM order_items;
    WHILE last_order < max_order LOOP
        UPDATE order_items
           SET unit_price_cents = round(unit_price * 100)::bigint
         WHERE order_id > last_order AND order_id <= last_order + batch_size
           AND unit_price_cents IS NULL;
        last_order := last_order + batch_size;
        COMMIT;
    END LOOP;
END
$$;

CALL backfill_unit_price_cents();
DROP PROCEDURE backfill_unit_price_cents(int);
