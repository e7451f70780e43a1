-- ops: orders_customer_idx is 3x its fresh size
REINDEX INDEX CONCURRENTLY orders_customer_idx;
