-- After the big backfill: update the visibility map and statistics.
VACUUM (ANALYZE, VERBOSE) orders;
