-- The primary's WAL insert position: what a replica must have replayed to see every commit so
-- far (the insert position, not the write position: with synchronous_commit = off the last
-- commit record may not be written yet, and the walwriter writes it within wal_writer_delay).
SELECT pg_current_wal_insert_lsn()::text AS lsn
