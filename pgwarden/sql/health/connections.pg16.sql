-- Client connections in use versus the limit (PG16+: reserved_connections exists too).
-- Returns one row: used (client backends, all databases), max_connections, reserved
-- (superuser_reserved_connections + reserved_connections).
SELECT count(*) FILTER (WHERE backend_type = 'client backend')::int AS used,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int
         + current_setting('reserved_connections')::int AS reserved
FROM pg_stat_activity
