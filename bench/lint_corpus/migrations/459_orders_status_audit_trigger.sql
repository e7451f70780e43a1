-- Write an audit_log entry whenever an order changes status.
CREATE OR REPLACE FUNCTION audit_order_status() RETURNS trigger
    LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO audit_log (table_name, row_id, action, details)
        VALUES ('orders', NEW.id, 'status', OLD.status || ' -> ' || NEW.status);
    END IF;
    RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS orders_status_audit ON orders;
CREATE TRIGGER orders_status_audit
    AFTER UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_order_status();
