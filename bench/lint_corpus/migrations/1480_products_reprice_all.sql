-- Apply the 3% price increase to all products for the new season.
BEGIN;
UPDATE products SET price = round(price * 1.03, 2);
INSERT INTO audit_log (table_name, row_id, action, details) VALUES ('products', NULL, 'reprice', '+3% all products');
COMMIT;
