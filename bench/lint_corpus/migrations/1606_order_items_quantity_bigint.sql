-- Wholesale customers order more than 2^31 units (yes, really)
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
