-- Drop orders_customer_idx; the (customer_id, created_at) index covers it.
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
