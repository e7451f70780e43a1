-- Adds %(rows)s to rows_affected of the task_runs rows %(ids)s (the task's and its 'run'), in
-- the transaction of the batch that affected them: a killed run keeps an exact count.
UPDATE pgwarden.task_runs
SET rows_affected = rows_affected + %(rows)s
WHERE id = ANY(%(ids)s)
