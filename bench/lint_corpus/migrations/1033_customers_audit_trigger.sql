CREATE OR REPLACE FUNCTION audit_customers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, details)
    VALUES ('customers', NEW.id, lower(TG_OP), NULL);
    RETURN NEW;
END
$$;

CREATE TRIGGER customers_audit
    AFTER INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION audit_customers();
