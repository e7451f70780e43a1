-- Client connections in use versus the limit.
-- Returns one row: used (client backends, all databases), max_connections, reserved
-- (superuser_reserved_connections, plus reserved_connections on PG16+ via the variant),
-- visible (false when this role cannot see other roles' sessions' details; counts stay exact).
SELECT count(*) FILTER (WHERE backend_type = 'client backend')::int AS used,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved
FROM pg_stat_activity
