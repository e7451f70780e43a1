-- Keep five years of audit history.
DELETE FROM audit_log WHERE at < now() - interval '5 years';
