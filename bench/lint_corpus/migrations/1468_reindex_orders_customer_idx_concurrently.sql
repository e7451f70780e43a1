-- Rebuild the bloated orders_customer_idx.
REINDEX INDEX CONCURRENTLY orders_customer_idx;
