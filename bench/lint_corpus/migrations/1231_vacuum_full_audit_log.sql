-- Reclaim the space left by last quarter's audit purge.
VACUUM FULL audit_log;
