-- The warehouse dashboard lists unshipped orders, oldest first.
CREATE INDEX CONCURRENTLY orders_unshipped_idx ON orders (created_at) WHERE shipped_at IS NULL;
