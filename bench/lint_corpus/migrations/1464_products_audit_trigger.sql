-- Write price changes of products to audit_log.
CREATE OR REPLACE FUNCTION audit_product_price() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.price IS DISTINCT FROM OLD.price THEN
        INSERT INTO audit_log (table_name, row_id, action, details)
        VALUES ('products', NEW.id, 'price', OLD.price || ' -> ' || NEW.price);
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS products_price_audit ON products;
CREATE TRIGGER products_price_audit AFTER UPDATE OF price ON products
    FOR EACH ROW EXECUTE FUNCTION audit_product_price();
