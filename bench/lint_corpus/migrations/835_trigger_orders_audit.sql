BEGIN;
CREATE OR REPLACE FUNCTION orders_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, details)
    VALUES (TG_TABLE_NAME, NEW.id, lower(TG_OP), 'status=' || NEW.status);
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_audit_trg
    AFTER INSERT OR UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_audit();
COMMIT;
