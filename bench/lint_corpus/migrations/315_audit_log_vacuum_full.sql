-- Reclaim disk space after the retention purge.
VACUUM FULL audit_log;
