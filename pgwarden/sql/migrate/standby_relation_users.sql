-- On a standby: how many sessions of this database hold a lock on one of the relations
-- %(oids)s (a physical standby has the primary's oids) and how long the longest has run.
SELECT count(DISTINCT l.pid) AS sessions,
       max(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start)))::float8 AS longest_s
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.relation = ANY(%(oids)s::oid[])
  AND l.pid <> pg_backend_pid()
