-- Index order lines by product for the "who bought this" report, online.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_product_id_idx ON order_items (product_id);
