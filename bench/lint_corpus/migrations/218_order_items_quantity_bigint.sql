-- Wholesale orders overflow int quantities (grams of bulk goods).
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
