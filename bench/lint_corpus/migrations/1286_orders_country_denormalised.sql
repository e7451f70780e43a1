-- Copy the customer's country onto orders for tax reporting.
BEGIN;
ALTER TABLE orders ADD COLUMN ship_country char(2);
UPDATE orders o SET ship_country = c.country FROM customers c WHERE c.id = o.customer_id;
COMMIT;
