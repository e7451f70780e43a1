-- Revision 0005: monitoring.slow_queries for PostgreSQL 13-16 (pg_stat_statements 1.8-1.10:
-- total_exec_time/mean_exec_time since 13, block I/O timing still blk_read_time/blk_write_time).
-- Statements by total execution time, with cache hit ratio and I/O time.
CREATE OR REPLACE VIEW monitoring.slow_queries AS
SELECT s.queryid,
       d.datname::text AS database,
       r.rolname::text AS "user",
       s.calls,
       round(s.total_exec_time::numeric, 2) AS total_exec_ms,
       round(s.mean_exec_time::numeric, 3) AS mean_exec_ms,
       round(s.max_exec_time::numeric, 3) AS max_exec_ms,
       s.rows,
       s.shared_blks_hit,
       s.shared_blks_read,
       CASE WHEN s.shared_blks_hit + s.shared_blks_read = 0 THEN NULL
            ELSE round(100.0 * s.shared_blks_hit / (s.shared_blks_hit + s.shared_blks_read), 1)
       END AS cache_hit_pct,
       round(s.blk_read_time::numeric, 2) AS read_ms,
       round(s.blk_write_time::numeric, 2) AS write_ms,
       s.temp_blks_written,
       left(s.query, 1000) AS query
FROM pg_stat_statements s
LEFT JOIN pg_database d ON d.oid = s.dbid
LEFT JOIN pg_roles r ON r.oid = s.userid
ORDER BY s.total_exec_time DESC;

REVOKE ALL ON monitoring.slow_queries FROM PUBLIC;
GRANT SELECT ON monitoring.slow_queries TO pg_monitor;
