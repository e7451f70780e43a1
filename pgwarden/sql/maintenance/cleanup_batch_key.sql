-- Deletes one keyset batch of expired rows of {table} by key {key}: the next %(limit)s rows after
-- %(after)s (all when %(first)s) older than the cutoff; rows locked by others are skipped, never
-- waited for. Returns the number deleted and the last key scanned (the next batch starts after it).
WITH batch AS (
    SELECT {key} AS k FROM {table}
    WHERE (%(first)s OR {key} > %(after)s)
      AND {time_column} < %(cutoff)s AND ({condition})
    ORDER BY {key}
    LIMIT %(limit)s
    FOR UPDATE SKIP LOCKED
), deleted AS (
    DELETE FROM {table} t USING batch WHERE {t_key} = batch.k RETURNING batch.k
)
-- (ORDER BY ... LIMIT 1 rather than max(): uuid and other key types have no max aggregate)
SELECT count(*) AS n, (SELECT k FROM batch ORDER BY k DESC LIMIT 1) AS last_key FROM deleted
