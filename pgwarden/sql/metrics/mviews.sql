-- Materialized views and pgwarden's record of their refreshes (needs pgwarden.mview_refresh).
-- Returns: schema, view, refreshed (pgwarden recorded a success), last_success_ts (epoch
-- seconds), age_s, last_duration_s.
SELECT m.schemaname::text AS schema, m.matviewname::text AS view,
       r.last_success_at IS NOT NULL AS refreshed,
       extract(epoch FROM r.last_success_at)::float8 AS last_success_ts,
       extract(epoch FROM now() - r.last_success_at)::float8 AS age_s,
       r.last_duration_s
FROM pg_matviews m
LEFT JOIN pgwarden.mview_refresh r ON r.view_schema = m.schemaname AND r.view_name = m.matviewname
ORDER BY 1, 2
