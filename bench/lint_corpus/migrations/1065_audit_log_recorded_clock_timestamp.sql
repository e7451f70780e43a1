ALTER TABLE audit_log ADD COLUMN recorded_at timestamptz DEFAULT clock_timestamp();
