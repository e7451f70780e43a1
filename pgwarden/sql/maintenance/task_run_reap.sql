-- Marks as failed every 'running' row whose session is gone (a killed run); returns their ids.
UPDATE pgwarden.task_runs r
SET outcome = 'failed', finished_at = coalesce(r.finished_at, now()),
    detail = r.detail || jsonb_build_object('error', 'the run was killed: its session ended without finishing')
WHERE r.outcome = 'running'
  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                  WHERE a.pid = r.backend_pid
                    AND a.backend_start IS NOT DISTINCT FROM r.backend_start)
RETURNING r.id, r.task
