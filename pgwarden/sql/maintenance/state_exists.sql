-- Whether pgwarden's state is complete: schema "pgwarden", tables "task_runs" (with the added
-- backend columns) and "mview_refresh" exist (booleans). When all do, no DDL is run, so a role
-- with only INSERT/UPDATE/SELECT on them can record its runs.
SELECT to_regnamespace('pgwarden') IS NOT NULL AS schema,
       to_regclass('pgwarden.task_runs') IS NOT NULL AS task_runs,
       to_regclass('pgwarden.mview_refresh') IS NOT NULL AS mview_refresh,
       EXISTS (SELECT 1 FROM pg_attribute
               WHERE attrelid = to_regclass('pgwarden.task_runs') AND attname = 'backend_start'
                 AND NOT attisdropped) AS columns
