-- Move audit_log to its own schema so the app role can't write it directly.
CREATE SCHEMA IF NOT EXISTS audit;
ALTER TABLE audit_log SET SCHEMA audit;
