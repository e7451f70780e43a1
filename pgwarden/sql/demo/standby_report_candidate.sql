-- For the demo's standby step: the first column of a plain btree index of the demo schema that
-- the primary never scanned (not unique, no predicate, no expression), the smallest first, so a
-- report run only on the standby can use it. Returns: schema, table, index, column.
SELECT n.nspname AS schema, t.relname AS table, c.relname AS index, a.attname AS column
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = c.relam AND am.amname = 'btree'
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE n.nspname = 'public' AND NOT i.indisunique AND NOT i.indisprimary
  AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indkey[0] <> 0
  AND s.idx_scan = 0 AND t.relkind = 'r'
ORDER BY pg_relation_size(i.indexrelid), c.relname
LIMIT 1
