-- Replaced by a composite index; drop the old one without blocking.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_created_idx ON orders (customer_id, created_at DESC);
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
