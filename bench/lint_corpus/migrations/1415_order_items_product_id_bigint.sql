-- Widen order_items.product_id to bigint ahead of the product id migration.
ALTER TABLE order_items ALTER COLUMN product_id TYPE bigint;
