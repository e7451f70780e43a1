-- Whether pgwarden's state tables exist (true/false as "task_runs", "mview_refresh").
SELECT to_regclass('pgwarden.task_runs') IS NOT NULL AS task_runs,
       to_regclass('pgwarden.mview_refresh') IS NOT NULL AS mview_refresh
