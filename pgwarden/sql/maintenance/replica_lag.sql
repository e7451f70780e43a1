-- How far behind each standby streaming from this server is, and how much WAL each inactive
-- replication slot holds back. One row per standby (kind 'standby') and per inactive slot
-- (kind 'slot'): name, lag in seconds (NULL when the server does not say: replay_lag is NULL
-- while the primary is idle, so a caught-up standby reads 0), lag in bytes, and whether this
-- role may see the figures (without pg_monitor / pg_read_all_stats the LSN columns of other
-- roles' WAL senders read NULL). Bytes are counted from the WAL insert position: with
-- synchronous_commit = off a fast batch's WAL may not be written yet, and the write position
-- would hide it from the guard.
SELECT 'standby' AS kind,
       coalesce(application_name, client_addr::text, pid::text) AS name,
       CASE WHEN replay_lsn IS NULL THEN NULL
            WHEN replay_lag IS NOT NULL THEN extract(epoch FROM replay_lag)::float8
            WHEN replay_lsn = sent_lsn THEN 0.0
       END AS lag_s,
       pg_wal_lsn_diff(pg_current_wal_insert_lsn(), replay_lsn)::bigint AS lag_bytes,
       (sent_lsn IS NOT NULL) AS visible
FROM pg_stat_replication
UNION ALL
SELECT 'slot', slot_name::text, NULL::float8,
       pg_wal_lsn_diff(pg_current_wal_insert_lsn(), restart_lsn)::bigint,
       true
FROM pg_replication_slots
WHERE NOT active AND restart_lsn IS NOT NULL
ORDER BY 1, 2
