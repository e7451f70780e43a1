-- quantity int -> bigint, expand phase: a shadow column kept in sync by a trigger.
-- The backfill runs as a background job; the swap is a later migration.
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
