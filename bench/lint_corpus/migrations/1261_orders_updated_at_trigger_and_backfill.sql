-- Maintain orders.updated_at automatically and initialise it from created_at.
BEGIN;
ALTER TABLE orders ADD COLUMN updated_at timestamp;
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
UPDATE orders SET updated_at = created_at;
COMMIT;
