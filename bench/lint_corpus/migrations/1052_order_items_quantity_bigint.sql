-- B2B orders can exceed 2^31 units (bulk screws).
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
