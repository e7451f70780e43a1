-- This node's idx_scan of every index in the database (a hot standby counts the scans of the
-- queries it serves itself), with how old its statistics are: since the database's last
-- statistics reset, else since the server started (the safe lower bound: counters may be
-- older, never younger). Returns: oid, idx_scan, stats_age_s.
SELECT s.indexrelid AS oid, s.idx_scan,
       extract(epoch FROM now() - coalesce(
           (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
           pg_postmaster_start_time()))::float8 AS stats_age_s
FROM pg_stat_user_indexes s
