-- On a standby: whether it has replayed the WAL up to %(lsn)s, and how many bytes it lacks.
SELECT coalesce(pg_last_wal_replay_lsn() >= %(lsn)s::pg_lsn, false) AS replayed,
       greatest(0, pg_wal_lsn_diff(%(lsn)s::pg_lsn, pg_last_wal_replay_lsn()))::bigint
           AS behind_bytes
