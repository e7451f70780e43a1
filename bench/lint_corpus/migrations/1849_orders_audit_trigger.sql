CREATE OR REPLACE FUNCTION orders_audit_fn() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, details)
    VALUES (TG_TABLE_NAME, NEW.id, lower(TG_OP),
            format('status %s -> %s', OLD.status, NEW.status));
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS orders_audit ON orders;
CREATE TRIGGER orders_audit
    AFTER UPDATE OF status ON orders
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION orders_audit_fn();
