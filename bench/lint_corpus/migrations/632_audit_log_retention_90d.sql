-- Retention: audit entries older than 90 days go.
DELETE FROM audit_log WHERE at < now() - interval '90 days';
