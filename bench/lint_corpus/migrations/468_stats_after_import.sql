-- Fresh statistics after the marketplace import.
ANALYZE orders;
VACUUM (ANALYZE, SKIP_LOCKED) order_items;
