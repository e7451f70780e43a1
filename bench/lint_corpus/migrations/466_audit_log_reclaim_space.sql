-- Reclaim the space freed by the audit purge.
VACUUM (FULL, ANALYZE) audit_log;
