-- superseded by orders_customer_created_idx (customer_id, created_at)
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
