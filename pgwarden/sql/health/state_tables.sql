-- Which of pgwarden's maintenance state tables exist here and whether this role may read them
-- (catalog lookups: to_regclass would raise without USAGE on the schema).
-- Returns one row: task_runs, mview_refresh (booleans: exists), task_runs_readable,
-- mview_refresh_readable.
WITH t AS (
    SELECT c.relname, has_schema_privilege(n.oid, 'USAGE')
                      AND has_table_privilege(c.oid, 'SELECT') AS readable
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'pgwarden' AND c.relname IN ('task_runs', 'mview_refresh')
)
SELECT EXISTS (SELECT 1 FROM t WHERE relname = 'task_runs') AS task_runs,
       EXISTS (SELECT 1 FROM t WHERE relname = 'mview_refresh') AS mview_refresh,
       coalesce((SELECT readable FROM t WHERE relname = 'task_runs'), false) AS task_runs_readable,
       coalesce((SELECT readable FROM t WHERE relname = 'mview_refresh'), false)
         AS mview_refresh_readable
