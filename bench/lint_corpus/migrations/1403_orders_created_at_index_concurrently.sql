-- Index orders by creation time for the back-office date filter (Rails, disable_ddl_transaction!).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_orders_on_created_at ON orders (created_at);
