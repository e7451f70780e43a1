-- Estimated row count (pg_class.reltuples, 0 when never analyzed) of every table, partitioned
-- table and materialized view: schema, name, rows.
SELECT n.nspname AS schema, c.relname AS name, greatest(c.reltuples, 0)::bigint AS rows
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
