-- order_items.quantity int -> bigint without rewriting the table under a lock:
-- shadow column + sync trigger, batched backfill (committed per batch), short swap.
ALTER TABLE order_items ADD COLUMN IF NOT EXISTS quantity_big bigint;

CREATE OR REPLACE FUNCTION order_items_quantity_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.quantity_big := NEW.quantity;
    RETURN NEW;
END
$$;
SET lock_timeout = '2s';
CREATE TRIGGER order_items_quantity_sync BEFORE INSERT OR UPDATE ON order_items
    FOR EACH ROW EXECUTE FUNCTION order_items_quantity_sync();
RESET lock_timeout;

CREATE OR REPLACE PROCEDURE backfill_quantity_big(step int) LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT coalesce(max(order_id), 0) INTO hi FROM order_items;
    WHILE lo < hi LOOP
        UPDATE order_items SET quantity_big = quantity
        WHERE order_id > lo AND order_id <= lo + step AND quantity_big IS NULL;
        lo := lo + step;
        COMMIT;
    END LOOP;
END
$$;
CALL backfill_quantity_big(5000);

ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_big_nn CHECK (quantity_big IS NOT NULL) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_quantity_big_nn;

BEGIN;
SET LOCAL lock_timeout = '2s';
DROP TRIGGER order_items_quantity_sync ON order_items;
ALTER TABLE order_items DROP COLUMN quantity;
ALTER TABLE order_items RENAME COLUMN quantity_big TO quantity;
ALTER TABLE order_items ALTER COLUMN quantity SET NOT NULL;
ALTER TABLE order_items DROP CONSTRAINT order_items_quantity_big_nn;
COMMIT;
