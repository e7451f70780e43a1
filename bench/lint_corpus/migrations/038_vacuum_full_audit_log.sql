VACUUM FULL audit_log;
