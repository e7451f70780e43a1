-- How many bytes of this primary's WAL a standby that replayed up to %(lsn)s still lacks.
SELECT greatest(0, pg_wal_lsn_diff(pg_current_wal_lsn(), %(lsn)s::pg_lsn))::bigint AS behind_bytes
