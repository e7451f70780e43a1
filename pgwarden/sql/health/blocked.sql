-- Sessions waiting on a lock that another session holds, and who blocks them.
-- Returns: pid, usename, datname, application_name, wait_s (seconds in the waiting state),
-- blocked_by (int[] from pg_blocking_pids), query (first 200 characters).
SELECT a.pid,
       a.usename::text AS usename,
       a.datname::text AS datname,
       a.application_name,
       extract(epoch FROM now() - a.state_change)::float8 AS wait_s,
       pg_blocking_pids(a.pid) AS blocked_by,
       left(a.query, 200) AS query
FROM pg_stat_activity a
-- waiters from pg_locks: wait_event_type is NULL for other roles' sessions without pg_monitor
WHERE a.pid IN (SELECT pid FROM pg_locks WHERE NOT granted)
  AND cardinality(pg_blocking_pids(a.pid)) > 0
ORDER BY a.state_change
