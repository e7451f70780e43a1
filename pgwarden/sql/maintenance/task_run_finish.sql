-- Records the end of task run %(id)s with its counts; returns nothing. rows_affected keeps the
-- larger of what the batches recorded as they committed and what the caller counted.
UPDATE pgwarden.task_runs
SET finished_at = now(), outcome = %(outcome)s, objects_done = %(done)s,
    objects_skipped = %(skipped)s, objects_failed = %(failed)s,
    rows_affected = greatest(rows_affected, %(rows)s),
    detail = detail || %(detail)s::jsonb
WHERE id = %(id)s
