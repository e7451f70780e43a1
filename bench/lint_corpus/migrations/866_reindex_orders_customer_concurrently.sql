-- Index bloat after the mass cancellation.
REINDEX INDEX CONCURRENTLY orders_customer_idx;
