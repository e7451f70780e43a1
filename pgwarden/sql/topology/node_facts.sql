-- One row: this node's role and identity. in_recovery is true on a standby; system_identifier
-- is the same on a primary and every physical standby of it (a replica of another primary
-- differs); replay_lsn/receive_lsn are NULL on a primary; stats_age_s: how old this database's
-- statistics counters are (since their reset, else since the server started).
SELECT pg_is_in_recovery() AS in_recovery,
       (SELECT system_identifier FROM pg_control_system())::text AS system_identifier,
       current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS server_version_num,
       CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END AS replay_lsn,
       CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()::text END AS receive_lsn,
       CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS replay_paused,
       CASE WHEN pg_is_in_recovery()
            THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS replay_delay_s,
       current_setting('hot_standby_feedback') AS hot_standby_feedback,
       current_setting('max_standby_streaming_delay') AS max_standby_streaming_delay,
       extract(epoch FROM now() - coalesce(
           (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
           pg_postmaster_start_time()))::float8 AS stats_age_s
