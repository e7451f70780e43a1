-- products.id will be bigint eventually; start with the referencing column.
ALTER TABLE order_items ALTER COLUMN product_id SET DATA TYPE bigint;
