-- Expand: integer cents next to the numeric total.
ALTER TABLE orders ADD COLUMN total_cents bigint;
CREATE OR REPLACE FUNCTION orders_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.total_cents := round(NEW.total * 100);
    RETURN NEW;
END
$$;
CREATE TRIGGER orders_total_cents BEFORE INSERT OR UPDATE OF total ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_total_cents();
