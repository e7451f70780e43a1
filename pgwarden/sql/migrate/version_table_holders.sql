-- The sessions holding a lock on alembic_version that a reader waits behind (a migration in
-- progress, a forgotten transaction): pid, lock mode, state, and seconds since the transaction
-- began. Empty when the table does not exist or nobody holds a conflicting lock.
SELECT l.pid, l.mode, a.state,
       extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::float8 AS xact_s
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND l.granted
  AND l.relation = to_regclass('alembic_version')
  AND l.mode IN ('AccessExclusiveLock', 'ExclusiveLock')
  AND l.pid <> pg_backend_pid()
ORDER BY xact_s DESC NULLS LAST
