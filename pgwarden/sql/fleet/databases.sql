-- The databases a fleet cluster's include/exclude patterns are matched against: every database
-- that accepts connections, templates skipped (template0/template1 and any other template).
SELECT datname
FROM pg_database
WHERE NOT datistemplate
  AND datallowconn
ORDER BY datname;
