-- The index %(schema)s.%(name)s if it exists: its table, whether it is valid and ready, its
-- definition and its comment (pgwarden marks indexes it built with 'pgwarden:<hash>').
SELECT t.relname AS table, i.indisvalid AS valid, i.indisready AS ready,
       pg_get_indexdef(c.oid) AS definition,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_index i ON i.indexrelid = c.oid
JOIN pg_class t ON t.oid = i.indrelid
WHERE n.nspname = %(schema)s AND c.relname = %(name)s AND c.relkind IN ('i', 'I')
