-- The orders indexes are bloated after the cleanup.
REINDEX TABLE orders;
