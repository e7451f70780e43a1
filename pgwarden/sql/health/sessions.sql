-- Client sessions other than our own, with their ages in seconds.
-- Returns: pid, usename, datname, application_name, client_addr, state, wait_event_type,
-- xact_age_s (transaction age), query_age_s (current/last statement age), state_age_s (time
-- in the current state), query (first 200 characters; NULL when this role may not see it).
SELECT a.pid,
       a.usename::text AS usename,
       a.datname::text AS datname,
       a.application_name,
       a.client_addr::text AS client_addr,
       a.state,
       a.wait_event_type,
       extract(epoch FROM now() - a.xact_start)::float8 AS xact_age_s,
       extract(epoch FROM now() - a.query_start)::float8 AS query_age_s,
       extract(epoch FROM now() - a.state_change)::float8 AS state_age_s,
       left(a.query, 200) AS query
FROM pg_stat_activity a
WHERE a.backend_type = 'client backend'
  AND a.pid <> pg_backend_pid()
ORDER BY a.xact_start NULLS LAST
