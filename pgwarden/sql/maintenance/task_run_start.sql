-- Records the start of a maintenance task run by this session; returns its id.
INSERT INTO pgwarden.task_runs (task, backend_pid, backend_start, detail)
SELECT %(task)s, pg_backend_pid(), a.backend_start, %(detail)s::jsonb
FROM pg_stat_activity a WHERE a.pid = pg_backend_pid()
RETURNING id
