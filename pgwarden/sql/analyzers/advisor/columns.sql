-- Columns of the given tables with their planner statistics (pg_stats), for typing parameters,
-- estimating selectivity and drawing a common and a rare value. Param: oids (oid[]).
-- Returns: table_oid, column_name, data_type, avg_width, null_frac, n_distinct,
-- common_values (text[]), common_freqs (float4[]), histogram (text[]).
SELECT a.attrelid AS table_oid, a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       coalesce(s.avg_width, 8) AS avg_width, coalesce(s.null_frac, 0) AS null_frac,
       s.n_distinct, s.most_common_vals::text::text[] AS common_values,
       s.most_common_freqs AS common_freqs, s.histogram_bounds::text::text[] AS histogram
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname
     AND s.attname = a.attname AND NOT s.inherited
WHERE a.attrelid = ANY(%(oids)s::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
