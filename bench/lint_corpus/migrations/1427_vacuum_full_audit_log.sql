-- Reclaim the space left by the audit_log purge.
VACUUM FULL audit_log;
