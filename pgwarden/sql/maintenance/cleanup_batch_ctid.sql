-- Deletes the expired rows of {table} stored in heap pages [%(from_page)s, %(to_page)s) (a keyset
-- batch by ctid, for tables without a single-column primary key; a TID range scan, PostgreSQL 14+).
-- Rows locked by others are skipped. Returns the number deleted.
WITH batch AS (
    SELECT ctid AS k FROM {table}
    WHERE ctid >= format('(%%s,0)', %(from_page)s::bigint)::tid
      AND ctid < format('(%%s,0)', %(to_page)s::bigint)::tid
      AND {time_column} < %(cutoff)s AND ({condition})
    FOR UPDATE SKIP LOCKED
), deleted AS (
    DELETE FROM {table} t USING batch WHERE t.ctid = batch.k RETURNING 1
)
SELECT count(*) AS n FROM deleted
