-- Other sessions holding a granted lock on table %(schema)s.%(name)s of this database, with
-- their backend_type ('autovacuum worker' for autovacuum; visible to every role, unlike the
-- query text). Read after VACUUM (SKIP_LOCKED) skipped the table, to tell autovacuum, which is
-- doing the same work, from a session that blocks it.
SELECT l.pid, a.backend_type, l.mode
FROM pg_locks l
LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation'
  AND l.granted
  AND l.pid <> pg_backend_pid()
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.relation = to_regclass(format('%%I.%%I', %(schema)s::text, %(name)s::text))
ORDER BY l.pid
