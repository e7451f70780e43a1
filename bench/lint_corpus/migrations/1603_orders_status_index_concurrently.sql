-- Speed up the admin order list filtered by status
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
