-- "orders" collides with a reserved word in the BI tool; rename the table.
ALTER TABLE orders RENAME TO purchase_orders;
