-- Constants pg_qualstats saw in WHERE clauses of the current database, per statement
-- (queryid, pg_stat_statements' own when it is loaded), column and operator.
-- Returns: queryid, schema_name, table_name, column_name, operator, constvalue, executions
-- (occurences: how many times a statement carrying that qual ran, sampled by
-- pg_qualstats.sample_rate).
SELECT q.queryid, n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name,
       q.opno::regoper::text AS operator, q.constvalue, sum(q.occurences)::bigint AS executions
FROM pg_qualstats() q
JOIN pg_class c ON c.oid = q.lrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = q.lrelid AND a.attnum = q.lattnum
WHERE q.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND q.constvalue IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6
