BEGIN;
CREATE OR REPLACE FUNCTION order_items_check_qty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.quantity <= 0 THEN
        RAISE EXCEPTION 'quantity must be positive';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER order_items_check_qty BEFORE INSERT OR UPDATE ON order_items
    FOR EACH ROW EXECUTE FUNCTION order_items_check_qty();
-- run the new check over the existing rows
UPDATE order_items SET quantity = quantity;
COMMIT;
