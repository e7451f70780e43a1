-- Catalog facts for the tables a workload names (resolved through search_path).
-- Param: names (text[] of quoted, possibly schema-qualified names, as written in the queries).
-- Returns: written, oid, schema_name, table_name, reltuples, relpages, table_bytes, n_tup_ins,
-- n_tup_upd, n_tup_hot_upd, n_tup_del, seq_scan, idx_scan, primary_key (column names),
-- all_visible (fraction of pages all-visible: what index-only scans can skip), partitioned
-- (a partitioned table: its size, rows, pages and write counts are its leaf partitions' sums;
-- its rows the parent's own estimate once ANALYZE ran on it, which autovacuum never does).
SELECT w.written, c.oid, n.nspname AS schema_name, c.relname AS table_name,
       c.relkind = 'p' AS partitioned,
       CASE WHEN c.relkind = 'p' AND c.reltuples < 0 THEN coalesce(l.reltuples, 0)
            ELSE greatest(c.reltuples, 0) END::float8 AS reltuples,
       coalesce(l.relpages, c.relpages) AS relpages,
       coalesce(l.bytes, pg_relation_size(c.oid)) AS table_bytes,
       CASE WHEN coalesce(l.relpages, c.relpages) > 0
            THEN coalesce(l.relallvisible, c.relallvisible)::float8 / coalesce(l.relpages, c.relpages)
            ELSE 0 END AS all_visible,
       coalesce(l.n_tup_ins, s.n_tup_ins, 0) AS n_tup_ins,
       coalesce(l.n_tup_upd, s.n_tup_upd, 0) AS n_tup_upd,
       coalesce(l.n_tup_hot_upd, s.n_tup_hot_upd, 0) AS n_tup_hot_upd,
       coalesce(l.n_tup_del, s.n_tup_del, 0) AS n_tup_del,
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
LEFT JOIN LATERAL (
    SELECT sum(greatest(lc.reltuples, 0)) AS reltuples, sum(lc.relpages)::bigint AS relpages,
           sum(lc.relallvisible)::bigint AS relallvisible, sum(pg_relation_size(lc.oid)) AS bytes,
           sum(ls.n_tup_ins) AS n_tup_ins, sum(ls.n_tup_upd) AS n_tup_upd,
           sum(ls.n_tup_hot_upd) AS n_tup_hot_upd, sum(ls.n_tup_del) AS n_tup_del
    FROM pg_partition_tree(c.oid) t
    JOIN pg_class lc ON lc.oid = t.relid
    LEFT JOIN pg_stat_user_tables ls ON ls.relid = lc.oid
    WHERE c.relkind = 'p' AND t.isleaf
    HAVING count(*) > 0
) l ON true
WHERE c.relkind IN ('r', 'p', 'm')
