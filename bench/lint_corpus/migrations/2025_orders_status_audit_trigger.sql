CREATE OR REPLACE FUNCTION orders_status_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO audit_log (table_name, row_id, action, details)
        VALUES ('orders', NEW.id, 'status', OLD.status || ' -> ' || NEW.status);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_status_audit
    AFTER UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_status_audit();
