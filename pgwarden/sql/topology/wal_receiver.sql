-- On a standby: the host and port of the server it streams from (NULLs without
-- pg_read_all_stats, no row when no WAL receiver runs). Columns: host, port.
SELECT sender_host AS host, sender_port AS port
FROM pg_stat_wal_receiver
