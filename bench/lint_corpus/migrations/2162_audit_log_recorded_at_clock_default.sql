-- Precise timestamps for audit entries: clock_timestamp() instead of the transaction start.
ALTER TABLE audit_log
    ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp();
