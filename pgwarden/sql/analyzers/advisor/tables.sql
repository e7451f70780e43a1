-- Catalog facts for the tables a workload names (resolved through search_path).
-- Param: names (text[] of quoted, possibly schema-qualified names, as written in the queries).
-- Returns: written, oid, schema_name, table_name, reltuples, relpages, table_bytes, n_tup_ins,
-- n_tup_upd, n_tup_hot_upd, n_tup_del, seq_scan, idx_scan, primary_key (column names),
-- all_visible (fraction of pages all-visible: what index-only scans can skip).
SELECT w.written, c.oid, n.nspname AS schema_name, c.relname AS table_name,
       greatest(c.reltuples, 0)::float8 AS reltuples, c.relpages,
       pg_relation_size(c.oid) AS table_bytes,
       CASE WHEN c.relpages > 0 THEN c.relallvisible::float8 / c.relpages ELSE 0 END AS all_visible,
       coalesce(s.n_tup_ins, 0) AS n_tup_ins, coalesce(s.n_tup_upd, 0) AS n_tup_upd,
       coalesce(s.n_tup_hot_upd, 0) AS n_tup_hot_upd, coalesce(s.n_tup_del, 0) AS n_tup_del,
       coalesce(s.seq_scan, 0) AS seq_scan, coalesce(s.idx_scan, 0) AS idx_scan,
       ARRAY(SELECT a.attname::text
             FROM pg_index i
             JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary
             ORDER BY k.ord) AS primary_key
FROM unnest(%(names)s::text[]) AS w(written)
JOIN pg_class c ON c.oid = to_regclass(w.written)
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'p', 'm')
