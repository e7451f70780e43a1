-- The primary's view of each standby: application_name, state, pid and replay lag in bytes.
SELECT application_name, state, pid, client_port,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS replay_lag_bytes,
       extract(epoch FROM replay_lag)::float8 AS replay_lag_s
FROM pg_stat_replication
