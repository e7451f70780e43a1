-- The CHECK constraints of the user's tables: schema, table, constraint name, whether it is
-- validated, and its definition as pg_get_constraintdef prints it (`CHECK ((email IS NOT NULL))`).
-- The linter parses the definition to learn which columns a validated CHECK proves NOT NULL.
SELECT n.nspname AS schema, c.relname AS "table", con.conname AS name,
       con.convalidated AS validated, pg_catalog.pg_get_constraintdef(con.oid) AS definition
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'c'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3
