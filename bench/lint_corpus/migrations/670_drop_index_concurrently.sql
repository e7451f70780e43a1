-- Same cleanup, without the exclusive lock on orders.
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;
