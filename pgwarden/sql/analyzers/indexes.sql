-- Indexes of the given tables (or of every user table when oids is NULL), one row each.
-- Param: oids (oid[] or NULL). Returns: table_oid, schema_name, table_name, index_oid,
-- index_name, method, key_columns (text[]: column name, or the expression text), key_desc
-- (bool[]), include_columns (text[]), predicate, is_primary, is_unique, is_valid,
-- is_constraint, index_bytes, idx_scan, definition.
SELECT i.indrelid AS table_oid, n.nspname AS schema_name, t.relname AS table_name,
       i.indexrelid AS index_oid, ic.relname AS index_name, am.amname AS method,
       ARRAY(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k.ord::int, true))
             FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  AND k.attnum <> 0
             WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS key_columns,
       ARRAY(SELECT (o.opt & 1) = 1
             FROM unnest(i.indoption) WITH ORDINALITY o(opt, ord) ORDER BY o.ord) AS key_desc,
       ARRAY(SELECT a.attname::text
             FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE k.ord > i.indnkeyatts ORDER BY k.ord) AS include_columns,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       i.indisprimary AS is_primary, i.indisunique AS is_unique,
       i.indisvalid AND i.indisready AS is_valid,
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS is_constraint,
       pg_relation_size(i.indexrelid) AS index_bytes,
       coalesce(s.idx_scan, 0) AS idx_scan,
       pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE (%(oids)s::oid[] IS NULL OR i.indrelid = ANY(%(oids)s::oid[]))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp%%'
ORDER BY n.nspname, t.relname, ic.relname
