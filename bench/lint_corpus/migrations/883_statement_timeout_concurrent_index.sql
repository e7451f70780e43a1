SET statement_timeout = '30min';
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_product_idx ON order_items (product_id);
RESET statement_timeout;
RESET lock_timeout;
