-- Indexes left INVALID (indisvalid = false) in user schemas, e.g. by a CREATE INDEX
-- CONCURRENTLY that was cancelled or killed: schema, index, table, definition, and the pid
-- of a CREATE INDEX still building it (an orphaned build goes on after its client died; NULL
-- when none is). Such an index costs writes but is never used by the planner; pgwarden's index
-- operations rebuild it.
SELECT n.nspname AS schema, c.relname AS index, t.relname AS table,
       pg_get_indexdef(c.oid) AS definition,
       (SELECT p.pid FROM pg_stat_progress_create_index p
        WHERE p.index_relid = c.oid AND p.pid <> pg_backend_pid() LIMIT 1) AS building_pid
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
ORDER BY 1, 2
