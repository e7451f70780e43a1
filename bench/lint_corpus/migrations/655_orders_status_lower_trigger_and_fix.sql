-- Normalise status to lower case: trigger for new writes, fix old rows in the same deploy.
BEGIN;
CREATE OR REPLACE FUNCTION orders_status_lower() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.status := lower(NEW.status);
    RETURN NEW;
END
$$;
CREATE TRIGGER orders_status_lower BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_status_lower();
UPDATE orders SET status = lower(status) WHERE status <> lower(status);
COMMIT;
