-- Replace the single-column customer index with one that also serves the history page.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_created_at_idx
    ON orders (customer_id, created_at);
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
