-- Who wrote the audit entry (database user for now, app user later).
ALTER TABLE audit_log ADD COLUMN recorded_by text NOT NULL DEFAULT current_user;
ALTER TABLE audit_log ADD COLUMN recorded_at timestamptz DEFAULT now();
