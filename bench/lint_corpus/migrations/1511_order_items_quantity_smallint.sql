-- Quantities never exceed 1000; store them as smallint to save space.
ALTER TABLE order_items ALTER COLUMN quantity TYPE smallint;
