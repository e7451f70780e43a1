-- Every column of the user's tables (ordinary and partitioned, outside the system schemas):
-- schema, table, column, type name (pg_type.typname), typmod, and whether it is NOT NULL.
-- The linter reads it with --dsn to know what the migrations it lints start from.
SELECT n.nspname AS schema, c.relname AS "table", a.attname AS "column",
       t.typname AS type, a.atttypmod AS typmod, a.attnotnull AS not_null
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1, 2, a.attnum
