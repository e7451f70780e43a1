-- The planner's statistics of every column of the user's tables (pg_stats; a partitioned
-- table's rows describe the whole tree): schema, table, column, null fraction, n_distinct
-- (negative: a fraction of the rows), most common values and their frequencies, histogram
-- bounds (values as text). The linter estimates how many rows an UPDATE/DELETE's WHERE matches.
SELECT DISTINCT ON (s.schemaname, s.tablename, s.attname)
       s.schemaname AS schema, s.tablename AS "table", s.attname AS "column",
       s.null_frac::float8 AS null_frac, s.n_distinct::float8 AS n_distinct,
       s.most_common_vals::text::text[] AS mcv, s.most_common_freqs::float8[] AS mcf,
       s.histogram_bounds::text::text[] AS histogram
FROM pg_catalog.pg_stats s
WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
  AND s.schemaname NOT LIKE 'pg\_toast%'
ORDER BY s.schemaname, s.tablename, s.attname, s.inherited
