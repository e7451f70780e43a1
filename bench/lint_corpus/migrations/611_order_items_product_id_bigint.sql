-- product ids are moving to the shared bigint id service
ALTER TABLE order_items ALTER COLUMN product_id TYPE bigint;
