-- Track when a session row was written (wall clock, not transaction start).
ALTER TABLE sessions ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp();
