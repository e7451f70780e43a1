-- Per pgwarden maintenance task: latest run and latest success (needs pgwarden.task_runs).
-- Returns: task, last_outcome, backend_alive (for 'running' rows: the run's session still
-- exists), last_run_ts, last_duration_s, last_success_ts (epoch seconds).
WITH last_run AS (
    SELECT DISTINCT ON (task) *
    FROM pgwarden.task_runs
    ORDER BY task, started_at DESC, id DESC
)
SELECT l.task, l.outcome AS last_outcome,
       -- the run's session: backend_pid/backend_start columns (maintenance adds them; read
       -- through to_jsonb so a table without them still works), else detail->>'pid'
       EXISTS (SELECT 1 FROM pg_stat_activity a
               WHERE a.pid = coalesce(to_jsonb(l)->>'backend_pid', l.detail->>'pid')::int
                 AND (to_jsonb(l)->>'backend_start' IS NULL
                      OR a.backend_start = (to_jsonb(l)->>'backend_start')::timestamptz)
                 AND a.backend_start <= l.started_at) AS backend_alive,
       extract(epoch FROM l.started_at)::float8 AS last_run_ts,
       extract(epoch FROM l.finished_at - l.started_at)::float8 AS last_duration_s,
       (SELECT extract(epoch FROM max(coalesce(s.finished_at, s.started_at)))::float8
        FROM pgwarden.task_runs s WHERE s.task = l.task AND s.outcome = 'success')
         AS last_success_ts
FROM last_run l
ORDER BY l.task
