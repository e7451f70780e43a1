-- Wholesale customers order screws by the million; integer is fine but let's be safe.
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
