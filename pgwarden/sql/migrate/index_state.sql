-- The index %(schema)s.%(name)s if it exists: its table, whether it is valid and ready, its
-- definition, its comment (pgwarden marks indexes it built with 'pgwarden:<hash>'), its oid and its table's.
SELECT t.relname AS table, i.indisvalid AS valid, i.indisready AS ready,
       pg_get_indexdef(c.oid) AS definition,
       obj_description(c.oid, 'pg_class') AS comment,
       c.oid AS oid, t.oid AS table_oid
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_index i ON i.indexrelid = c.oid
JOIN pg_class t ON t.oid = i.indrelid
WHERE n.nspname = %(schema)s AND c.relname = %(name)s AND c.relkind IN ('i', 'I')
