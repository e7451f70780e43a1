-- When the audit row was written by the new pipeline (old rows get the migration time).
ALTER TABLE audit_log ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
