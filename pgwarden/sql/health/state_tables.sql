-- Which of pgwarden's maintenance state tables exist here and whether this role may read them.
-- Returns one row: task_runs, mview_refresh (booleans: exists), task_runs_readable,
-- mview_refresh_readable.
SELECT to_regclass('pgwarden.task_runs') IS NOT NULL AS task_runs,
       to_regclass('pgwarden.mview_refresh') IS NOT NULL AS mview_refresh,
       coalesce(has_table_privilege(to_regclass('pgwarden.task_runs'), 'SELECT'), false)
         AS task_runs_readable,
       coalesce(has_table_privilege(to_regclass('pgwarden.mview_refresh'), 'SELECT'), false)
         AS mview_refresh_readable
