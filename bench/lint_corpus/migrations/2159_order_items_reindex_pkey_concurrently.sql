-- order_items_pkey is 40% bloat (pgstattuple). Rebuild it online.
REINDEX INDEX CONCURRENTLY order_items_pkey;
