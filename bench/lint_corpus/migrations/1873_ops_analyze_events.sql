-- autovacuum does not analyze partitioned parents; do it after the bulk import
ANALYZE events;
