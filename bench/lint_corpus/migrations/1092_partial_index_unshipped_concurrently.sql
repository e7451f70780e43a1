CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_unshipped_idx ON orders (created_at) WHERE shipped_at IS NULL;
