-- Invalid indexes in this database (e.g. a failed CREATE INDEX CONCURRENTLY), excluding
-- indexes a running CREATE INDEX is building right now.
-- Returns: schema, index, table, size_bytes, definition.
SELECT n.nspname::text AS schema,
       c.relname::text AS index,
       t.relname::text AS "table",
       pg_relation_size(c.oid) AS size_bytes,
       pg_get_indexdef(c.oid) AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid)
ORDER BY 1, 2
