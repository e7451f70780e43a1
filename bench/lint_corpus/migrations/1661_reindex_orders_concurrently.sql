-- Ops: rebuild the bloated customer index on orders online
REINDEX INDEX CONCURRENTLY orders_customer_idx;
