-- Wholesale customers order more than 2^31 screws. Widen quantity.
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
