-- Replication as seen from this server: standbys streaming from it (primary side) and, on a
-- standby, how far replay is behind and whether it is paused. Returns: role ('standby_of_me'
-- or 'this_standby'), name, client_addr, state, lag_s (replay lag in seconds; NULL when
-- unknown), lag_bytes, paused (this standby's replay paused; NULL on a primary's rows).
SELECT 'standby_of_me' AS role,
       coalesce(r.application_name, '') AS name,
       r.client_addr::text AS client_addr,
       r.state,
       extract(epoch FROM r.replay_lag)::float8 AS lag_s,
       pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint AS lag_bytes,
       NULL::boolean AS paused
FROM pg_stat_replication r
WHERE NOT pg_is_in_recovery()
UNION ALL
SELECT 'this_standby', 'replay', NULL, 'recovery',
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END::float8,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
       pg_is_wal_replay_paused()
WHERE pg_is_in_recovery()
