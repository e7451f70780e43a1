-- Replaced by the composite index in the previous release.
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
