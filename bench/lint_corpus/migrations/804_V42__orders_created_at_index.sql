-- Flyway V42: reporting queries filter on created_at.
-- flyway.postgresql.transactional.lock=false, executeInTransaction=false for this script
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);
