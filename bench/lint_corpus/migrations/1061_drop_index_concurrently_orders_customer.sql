-- Replaced by the (customer_id, created_at) index created last week.
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
