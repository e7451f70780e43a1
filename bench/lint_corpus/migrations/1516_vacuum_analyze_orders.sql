-- Refresh visibility map and statistics on orders after the backfill.
VACUUM (ANALYZE, VERBOSE) orders;
