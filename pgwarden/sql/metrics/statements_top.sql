-- Per database: the top N statements by total execution time (PostgreSQL < 13 column names),
-- and the database's totals. Approximate latency: mean and stddev, not percentiles.
-- Parameters: top (N), min_calls. Returns: datname, rank, queryid, calls, mean_s, stddev_s,
-- db_calls, db_total_s.
WITH s AS (
    SELECT d.datname::text AS datname, p.queryid, p.calls,
           p.total_time / 1000.0 AS total_s, p.mean_time / 1000.0 AS mean_s,
           p.stddev_time / 1000.0 AS stddev_s
    FROM pg_stat_statements p
    JOIN pg_database d ON d.oid = p.dbid
), ranked AS (
    SELECT s.*, row_number() OVER (PARTITION BY datname ORDER BY total_s DESC, queryid) AS rank,
           sum(calls) OVER (PARTITION BY datname) AS db_calls,
           sum(total_s) OVER (PARTITION BY datname) AS db_total_s
    FROM s
    WHERE calls >= %(min_calls)s
)
SELECT datname, rank, queryid, calls, mean_s, stddev_s, db_calls, db_total_s
FROM ranked
WHERE rank <= greatest(%(top)s, 1)
ORDER BY datname, rank
