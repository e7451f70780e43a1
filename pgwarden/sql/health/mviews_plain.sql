-- Materialized views of this database (when pgwarden.mview_refresh does not exist).
-- Returns: schema, view, ispopulated.
SELECT m.schemaname::text AS schema, m.matviewname::text AS view, m.ispopulated
FROM pg_matviews m
ORDER BY 1, 2
