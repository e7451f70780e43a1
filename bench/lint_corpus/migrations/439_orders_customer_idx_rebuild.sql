-- orders_customer_idx is bloated after the big cleanup; rebuild it.
REINDEX INDEX orders_customer_idx;
