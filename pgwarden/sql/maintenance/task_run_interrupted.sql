-- Closes the task_runs rows %(ids)s that a switchover interrupted: only rows still 'running' and
-- opened by the old primary's session %(pid)s. Recorded as failed, with detail.interrupted (the
-- reason) so health and readers see why. Returns the ids closed.
UPDATE pgwarden.task_runs
SET outcome = 'failed', finished_at = now(),
    detail = detail || jsonb_build_object('error', %(reason)s::text, 'interrupted', %(reason)s::text)
WHERE id = ANY(%(ids)s) AND outcome = 'running' AND backend_pid = %(pid)s
RETURNING id
