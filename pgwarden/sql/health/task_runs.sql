-- Per maintenance task: its latest run and its latest success, from pgwarden.task_runs.
-- A 'running' row is alive when its session (backend_pid + backend_start, else detail->>'pid')
-- still exists (Python also checks the task's advisory lock).
-- Returns: task, last_id, last_outcome, last_started_at, last_finished_at, last_duration_s,
-- last_age_s, backend_alive, last_success_at, success_age_s, last_detail.
WITH last_run AS (
    SELECT DISTINCT ON (task) *
    FROM pgwarden.task_runs
    ORDER BY task, started_at DESC, id DESC
), last_success AS (
    SELECT task, max(coalesce(finished_at, started_at)) AS at
    FROM pgwarden.task_runs
    WHERE outcome = 'success'
    GROUP BY task
)
SELECT l.task, l.id AS last_id, l.outcome AS last_outcome, l.started_at AS last_started_at,
       l.finished_at AS last_finished_at,
       extract(epoch FROM l.finished_at - l.started_at)::float8 AS last_duration_s,
       extract(epoch FROM now() - l.started_at)::float8 AS last_age_s,
       -- the run's session: backend_pid/backend_start columns (maintenance adds them; read
       -- through to_jsonb so a table without them still works), else detail->>'pid'
       EXISTS (SELECT 1 FROM pg_stat_activity a
               WHERE a.pid = coalesce(to_jsonb(l)->>'backend_pid', l.detail->>'pid')::int
                 AND (to_jsonb(l)->>'backend_start' IS NULL
                      OR a.backend_start = (to_jsonb(l)->>'backend_start')::timestamptz)
                 AND a.backend_start <= l.started_at) AS backend_alive,
       s.at AS last_success_at,
       extract(epoch FROM now() - s.at)::float8 AS success_age_s,
       l.detail AS last_detail
FROM last_run l
LEFT JOIN last_success s USING (task)
ORDER BY l.task
