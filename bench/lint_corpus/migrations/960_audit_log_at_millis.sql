-- microseconds are noise in the audit UI
ALTER TABLE audit_log ALTER COLUMN at TYPE timestamptz(3);
