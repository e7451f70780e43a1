-- B2B customers order items above 99,999,999.99
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(14,2);
