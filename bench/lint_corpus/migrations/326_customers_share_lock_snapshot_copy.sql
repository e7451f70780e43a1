-- Consistent copy of customers for the CRM migration (no writes may slip in between).
CREATE TABLE crm_customers_export (LIKE customers INCLUDING ALL);
BEGIN;
LOCK TABLE customers IN SHARE MODE;
INSERT INTO crm_customers_export SELECT * FROM customers;
COMMIT;
