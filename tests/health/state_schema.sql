-- Test-only copy of the shared contract for pgwarden.task_runs / pgwarden.mview_refresh
-- (HELPER_BRIEF "Shared contract"); used only while pgwarden/sql/maintenance/state_schema.sql
-- (owned by the maintenance commands) is not on this branch.
CREATE SCHEMA IF NOT EXISTS pgwarden;
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
