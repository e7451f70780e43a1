-- Sub-cent prices for bulk items.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(12,4);
