-- Per database: the top N statements by total execution time (PostgreSQL 13+ column names),
-- and the database's totals. Approximate latency: mean and stddev, not percentiles.
-- Parameters: top (N), min_calls. Returns: datname, rank, queryid, calls, mean_s, stddev_s,
-- db_calls, db_total_s (totals over all of the database's statements).
WITH s AS (
    SELECT d.datname::text AS datname, p.queryid, p.calls,
           p.total_exec_time / 1000.0 AS total_s, p.mean_exec_time / 1000.0 AS mean_s,
           p.stddev_exec_time / 1000.0 AS stddev_s
    FROM pg_stat_statements p
    JOIN pg_database d ON d.oid = p.dbid
), totals AS (
    SELECT datname, sum(calls) AS db_calls, sum(total_s) AS db_total_s FROM s GROUP BY datname
), ranked AS (
    SELECT s.*, row_number() OVER (PARTITION BY datname ORDER BY total_s DESC, queryid) AS rank
    FROM s
    WHERE calls >= %(min_calls)s
)
SELECT t.datname, r.rank, r.queryid, r.calls, r.mean_s, r.stddev_s, t.db_calls, t.db_total_s
FROM totals t
LEFT JOIN ranked r ON r.datname = t.datname AND r.rank <= %(top)s
ORDER BY t.datname, r.rank
