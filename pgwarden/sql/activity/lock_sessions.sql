-- Every session that waits on a lock held by another session, or holds one others wait on.
-- Returns: pid, usename, datname, application_name, state, wait_s (seconds in its current
-- state: how long it has waited when waiting), xact_age_s, blocked_by (int[] from
-- pg_blocking_pids), waiting_mode (lock mode it waits for), waiting_locktype, waiting_on
-- (relation name or lock type description), query (first 300 characters).
-- Waiters come from pg_locks (not pg_stat_activity.wait_event_type, which is NULL for other
-- roles' sessions without pg_monitor): an unprivileged role still sees who blocks whom.
WITH waiting AS (
    SELECT w.pid, pg_blocking_pids(w.pid) AS blocked_by
    FROM (SELECT DISTINCT pid FROM pg_locks WHERE NOT granted AND pid IS NOT NULL) w
), involved AS (
    SELECT pid FROM waiting WHERE cardinality(blocked_by) > 0
    UNION
    SELECT unnest(blocked_by) FROM waiting
)
SELECT a.pid,
       a.usename::text AS usename,
       a.datname::text AS datname,
       a.application_name,
       a.state,
       extract(epoch FROM now() - a.state_change)::float8 AS wait_s,
       extract(epoch FROM now() - a.xact_start)::float8 AS xact_age_s,
       coalesce(w.blocked_by, '{}'::int[]) AS blocked_by,
       l.mode AS waiting_mode,
       l.locktype AS waiting_locktype,
       CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text
            WHEN l.locktype = 'transactionid' THEN 'transaction ' || l.transactionid::text
            WHEN l.locktype = 'tuple' THEN 'row in ' || l.relation::regclass::text
            ELSE l.locktype END AS waiting_on,
       left(a.query, 300) AS query
FROM involved i
JOIN pg_stat_activity a ON a.pid = i.pid
LEFT JOIN waiting w ON w.pid = a.pid
LEFT JOIN LATERAL (
    SELECT * FROM pg_locks pl WHERE pl.pid = a.pid AND NOT pl.granted LIMIT 1
) l ON true
ORDER BY a.pid
