-- The largest replay lag, in seconds, of the standbys streaming from this server (NULL: none).
SELECT max(extract(epoch FROM replay_lag))::float8 AS lag_s FROM pg_stat_replication
