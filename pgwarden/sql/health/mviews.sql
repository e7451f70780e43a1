-- Materialized views of this database and what pgwarden recorded of their last refresh.
-- Needs pgwarden.mview_refresh (check state_tables first).
-- Returns: schema, view, ispopulated, last_success_at, age_s (seconds since last success;
-- NULL when pgwarden never refreshed it), last_duration_s, last_outcome, last_error.
SELECT m.schemaname::text AS schema, m.matviewname::text AS view, m.ispopulated,
       r.last_success_at,
       extract(epoch FROM now() - r.last_success_at)::float8 AS age_s,
       r.last_duration_s, r.last_outcome, left(r.last_error, 200) AS last_error
FROM pg_matviews m
LEFT JOIN pgwarden.mview_refresh r ON r.view_schema = m.schemaname AND r.view_name = m.matviewname
ORDER BY 1, 2
