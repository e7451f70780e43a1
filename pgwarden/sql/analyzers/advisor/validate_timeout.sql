-- The validation's budget as the session's statement_timeout (milliseconds, as text): what is
-- left of it bounds each copy, build and timed run. Returns one row.
SELECT set_config('statement_timeout', %(ms)s, false) AS statement_timeout
