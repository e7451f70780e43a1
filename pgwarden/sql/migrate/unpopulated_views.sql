-- Materialized views that hold no data yet (created WITH NO DATA and never refreshed):
-- schema, view. Reading one fails until it is refreshed.
SELECT schemaname::text AS schema, matviewname::text AS view
FROM pg_matviews
WHERE NOT ispopulated
  AND schemaname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2
