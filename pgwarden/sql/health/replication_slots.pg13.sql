-- Replication slots, whether something is consuming them, and the WAL they hold back (13+:
-- wal_status says 'lost' when the slot's WAL is gone).
-- Returns: slot_name, slot_type, database, active, retained_bytes, wal_status.
SELECT s.slot_name::text AS slot_name, s.slot_type, s.database::text AS database, s.active,
       CASE WHEN pg_is_in_recovery() THEN NULL
            ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint END AS retained_bytes,
       s.wal_status
FROM pg_replication_slots s
ORDER BY 1
