-- Replication slots, whether something is consuming them, and the WAL they hold back.
-- Returns: slot_name, slot_type, database, active, retained_bytes, wal_status (NULL before 13).
SELECT s.slot_name::text AS slot_name, s.slot_type, s.database::text AS database, s.active,
       CASE WHEN pg_is_in_recovery() THEN NULL
            ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint END AS retained_bytes,
       NULL::text AS wal_status
FROM pg_replication_slots s
ORDER BY 1
