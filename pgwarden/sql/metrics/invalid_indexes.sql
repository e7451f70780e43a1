-- Number of invalid indexes in this database (excluding ones being built right now).
-- Returns one row: invalid.
SELECT count(*)::int AS invalid
FROM pg_index i
WHERE NOT i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)
