-- When this database's statistics counters were last reset (NULL: never since initdb), the
-- server's start time, and the age of the counters in seconds (since the reset, else since
-- the start: the safe lower bound). Returns: stats_reset, server_started, stats_age_s.
SELECT d.stats_reset, pg_postmaster_start_time() AS server_started,
       extract(epoch FROM now() - coalesce(d.stats_reset, pg_postmaster_start_time()))::float8
           AS stats_age_s
FROM pg_stat_database d
WHERE d.datname = current_database()
