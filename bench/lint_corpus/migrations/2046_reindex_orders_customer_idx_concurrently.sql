-- orders_customer_idx is bloated after the cleanup
REINDEX INDEX CONCURRENTLY orders_customer_idx;
