-- 2027 price list: +4% on everything; freeze the catalogue while prices change.
BEGIN;
LOCK TABLE products IN EXCLUSIVE MODE;
UPDATE products SET price = round(price * 1.04, 2) WHERE NOT coalesce(discontinued, false);
INSERT INTO audit_log (table_name, row_id, action, details)
VALUES ('products', NULL, 'reprice', '2027 price list, +4%');
COMMIT;
