-- The slowest statements of the current database by mean execution time, from
-- pg_stat_statements (PostgreSQL 13+ column names): query text, calls, mean and total ms.
-- Parameters: %(limit)s. pgwarden's own statements, writes and catalog queries are left out
-- (texts may start with a comment, so SELECTs are recognised anywhere in the text).
SELECT s.query,
       s.calls,
       round(s.mean_exec_time::numeric, 3) AS mean_ms,
       round(s.total_exec_time::numeric, 1) AS total_ms,
       s.rows
FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.query !~* '(pg_catalog|pg_stat|information_schema|alembic_version|pgwarden\.)'
  AND s.calls > 1
  AND s.query ~* '\mselect\M'
  AND s.query ~* '\mfrom\M'
  AND s.query !~* '^\s*(insert|update|delete|create|alter|drop|refresh|vacuum|analyze)\M'
ORDER BY s.mean_exec_time DESC
LIMIT %(limit)s
