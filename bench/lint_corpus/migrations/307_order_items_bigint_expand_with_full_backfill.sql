-- quantity int -> bigint: shadow column + sync trigger + backfill, shipped together.
ALTER TABLE order_items ADD COLUMN quantity_new bigint;

CREATE OR REPLACE FUNCTION order_items_sync_quantity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.quantity_new := NEW.quantity;
    RETURN NEW;
END $$;

CREATE TRIGGER order_items_sync_quantity
    BEFORE INSERT OR UPDATE OF quantity ON order_items
    FOR EACH ROW EXECUTE FUNCTION order_items_sync_quantity();

UPDATE order_items SET quantity_new = quantity WHERE quantity_new IS NULL;
