-- int -> bigint without a rewrite under ACCESS EXCLUSIVE: shadow column, sync trigger, batched backfill.
ALTER TABLE order_items ADD COLUMN quantity_big bigint;

CREATE OR REPLACE FUNCTION order_items_sync_quantity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.quantity_big := NEW.quantity;
    RETURN NEW;
END
$$;
CREATE TRIGGER order_items_sync_quantity
    BEFORE INSERT OR UPDATE OF quantity ON order_items
    FOR EACH ROW EXECUTE FUNCTION order_items_sync_quantity();

CREATE PROCEDURE backfill_quantity_big()
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(order_id) INTO hi FROM order_items;
    WHILE lo <= hi LOOP
        UPDATE order_items SET quantity_big = quantity
        WHERE order_id > lo AND order_id <= lo + 5000 AND quantity_big IS NULL;
        lo := lo + 5000;
        COMMIT;
    END LOOP;
END
$$;
CALL backfill_quantity_big();
DROP PROCEDURE backfill_quantity_big();
