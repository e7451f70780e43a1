-- When this database's statistics counters were last reset (NULL: never since initdb), and the
-- server's start time; idx_scan counts since then. Returns: stats_reset, server_started.
SELECT d.stats_reset, pg_postmaster_start_time() AS server_started
FROM pg_stat_database d
WHERE d.datname = current_database()
