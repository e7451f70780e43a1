-- Wholesale lines exceed 10^8.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(14,2);
