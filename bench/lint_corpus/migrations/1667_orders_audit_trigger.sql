-- Write an audit entry whenever an order's status changes
CREATE OR REPLACE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, details)
    VALUES ('orders', NEW.id, 'status', OLD.status || ' -> ' || NEW.status);
    RETURN NEW;
END $$;
CREATE TRIGGER orders_status_audit AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION orders_audit();
