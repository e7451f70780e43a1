-- Buffer cache hit ratio of the current database since its statistics were last reset.
-- Returns one row: blks_hit, blks_read, ratio (NULL when no block was ever requested).
SELECT d.blks_hit, d.blks_read,
       d.blks_hit::float8 / nullif(d.blks_hit + d.blks_read, 0) AS ratio
FROM pg_stat_database d
WHERE d.datname = current_database()
