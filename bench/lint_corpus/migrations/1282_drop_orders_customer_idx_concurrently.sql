-- Drop the unused customer index on orders.
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
