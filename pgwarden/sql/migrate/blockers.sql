-- What the migration backend %(pid)s is waiting for and who holds it: one row per blocking
-- session (empty when it is not waiting). Columns: waiting_locktype, waiting_mode,
-- waiting_object (relation name, or the lock's kind and ids), blocker_pid, blocker_user,
-- blocker_application, blocker_client, blocker_state, blocker_xact_start, blocker_mode
-- (the strongest mode the blocker holds on that object), blocker_query (first 200 chars).
WITH waiting AS (
    SELECT l.locktype, l.mode, l.relation, l.database, l.classid, l.objid, l.objsubid,
           l.transactionid, l.virtualxid
    FROM pg_locks l
    WHERE l.pid = %(pid)s AND NOT l.granted
    LIMIT 1
)
SELECT w.locktype AS waiting_locktype,
       w.mode AS waiting_mode,
       CASE WHEN w.relation IS NOT NULL THEN w.relation::regclass::text
            WHEN w.locktype = 'transactionid' THEN 'transaction ' || w.transactionid::text
            WHEN w.locktype = 'virtualxid' THEN 'virtual transaction ' || w.virtualxid
            ELSE w.locktype || ' ' || coalesce(w.classid::regclass::text, '') || ' '
                 || coalesce(w.objid::text, '')
       END AS waiting_object,
       a.pid AS blocker_pid,
       a.usename::text AS blocker_user,
       a.application_name AS blocker_application,
       coalesce(host(a.client_addr), 'local') AS blocker_client,
       a.state AS blocker_state,
       a.xact_start AS blocker_xact_start,
       (SELECT string_agg(DISTINCT h.mode, ', ')
          FROM pg_locks h
         WHERE h.pid = a.pid AND h.granted
           AND h.locktype = w.locktype
           AND h.relation IS NOT DISTINCT FROM w.relation
           AND h.transactionid IS NOT DISTINCT FROM w.transactionid
           AND h.objid IS NOT DISTINCT FROM w.objid) AS blocker_mode,
       left(regexp_replace(a.query, '\s+', ' ', 'g'), 200) AS blocker_query
FROM waiting w
CROSS JOIN LATERAL unnest(pg_blocking_pids(%(pid)s)) AS b(pid)
JOIN pg_stat_activity a ON a.pid = b.pid
ORDER BY a.xact_start NULLS LAST
