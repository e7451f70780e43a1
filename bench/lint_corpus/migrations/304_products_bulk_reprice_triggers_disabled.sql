-- Yearly repricing: +3 % on everything, with the (expensive) audit trigger off during the run.
CREATE OR REPLACE FUNCTION audit_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action) VALUES ('products', NEW.id, 'update');
    RETURN NEW;
END $$;
CREATE TRIGGER products_audit AFTER UPDATE ON products FOR EACH ROW EXECUTE FUNCTION audit_products();

BEGIN;
ALTER TABLE products DISABLE TRIGGER products_audit;
UPDATE products SET price = round(price * 1.03, 2);
ALTER TABLE products ENABLE TRIGGER products_audit;
COMMIT;
