-- audit_log: keep the wall-clock time of the write, not the transaction start.
-- (now() is the transaction start; we want the real instant)
ALTER TABLE audit_log
    ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp();
