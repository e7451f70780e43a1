-- Columns a view, materialized view or rule reads (pg_depend from the view's pg_rewrite rule to
-- the column): ALTER COLUMN … TYPE on one of them fails with "cannot alter type of a column
-- used by a view or rule", whatever the types. schema, table, column, and the view's schema
-- and name.
SELECT DISTINCT n.nspname AS schema, c.relname AS "table", a.attname AS "column",
       vn.nspname AS view_schema, v.relname AS view
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_catalog.pg_class c ON c.oid = d.refobjid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.refobjsubid > 0
  AND v.oid <> c.oid
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3, 4, 5
