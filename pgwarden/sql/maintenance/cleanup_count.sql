-- Counts rows of {table} older than the cutoff (and matching the policy's condition), capped at
-- %(cap)s so that planning stays cheap on huge tables.
SELECT count(*) AS n FROM (
    SELECT 1 FROM {table}
    WHERE {time_column} < %(cutoff)s AND ({condition})
    LIMIT %(cap)s
) s
