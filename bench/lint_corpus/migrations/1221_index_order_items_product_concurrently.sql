-- Index order_items.product_id for the "who bought this" query.
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_product_id_idx ON order_items (product_id);
