-- wholesale lines overflow int? be safe
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
