-- Top-level statements of the current database from pg_stat_statements (PostgreSQL 14-16:
-- total_exec_time, toplevel). Params: min_calls, min_total_ms, top.
-- Returns: queryid, query, calls, total_ms, mean_ms, rows.
SELECT s.queryid, s.query, s.calls, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms,
       s.rows
FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.toplevel
  AND s.calls >= %(min_calls)s
  AND s.total_exec_time >= %(min_total_ms)s
ORDER BY s.total_exec_time DESC
LIMIT %(top)s
