-- Rebuild the bloated customer index on orders.
REINDEX INDEX CONCURRENTLY orders_customer_idx;
