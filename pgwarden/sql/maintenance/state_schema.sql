-- Creates (idempotently) the tables where maintenance records its runs in schema pgwarden; returns nothing.
-- Shared contract with `pgwarden health`/`metrics` (issue-7): columns may be added, never renamed.
-- backend_pid/backend_start identify the session of a 'running' row: when that session is gone
-- the run was killed and readers treat the row as failed.

CREATE TABLE IF NOT EXISTS pgwarden.task_runs (
    id bigserial PRIMARY KEY,
    task text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    outcome text NOT NULL DEFAULT 'running'
        CHECK (outcome IN ('running', 'success', 'partial', 'failed')),
    objects_done integer NOT NULL DEFAULT 0,
    objects_skipped integer NOT NULL DEFAULT 0,
    objects_failed integer NOT NULL DEFAULT 0,
    rows_affected bigint NOT NULL DEFAULT 0,
    detail jsonb NOT NULL DEFAULT '{}'
);
ALTER TABLE pgwarden.task_runs ADD COLUMN IF NOT EXISTS backend_pid integer;
ALTER TABLE pgwarden.task_runs ADD COLUMN IF NOT EXISTS backend_start timestamptz;
CREATE INDEX IF NOT EXISTS task_runs_task_started_idx ON pgwarden.task_runs (task, started_at DESC);
CREATE TABLE IF NOT EXISTS pgwarden.mview_refresh (
    view_schema name NOT NULL,
    view_name name NOT NULL,
    last_started_at timestamptz,
    last_success_at timestamptz,
    last_duration_s double precision,
    last_outcome text,
    last_error text,
    input_write_counter bigint,
    PRIMARY KEY (view_schema, view_name)
);
