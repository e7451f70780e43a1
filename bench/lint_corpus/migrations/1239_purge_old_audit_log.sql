-- Retention policy: keep 90 days of audit log.
DELETE FROM audit_log WHERE at < now() - interval '90 days';
