-- Who holds the session advisory lock with key (%(classid)s, %(objid)s) in this database:
-- pid, user, application, client address, when its session started and what it runs now.
SELECT a.pid,
       a.usename AS "user",
       a.application_name,
       coalesce(host(a.client_addr), 'local') AS client,
       a.backend_start,
       a.state,
       left(a.query, 200) AS query
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory'
  AND l.granted
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = %(classid)s::oid
  AND l.objid = %(objid)s::oid
  AND l.objsubid = 1
LIMIT 1
