-- Audit every change to customers into audit_log.
CREATE FUNCTION audit_customers() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp
AS $fn$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, details)
    VALUES (TG_TABLE_NAME, COALESCE(NEW.id, OLD.id), lower(TG_OP), NULL);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER customers_audit
    AFTER INSERT OR UPDATE OR DELETE ON customers
    FOR EACH ROW EXECUTE FUNCTION audit_customers();
