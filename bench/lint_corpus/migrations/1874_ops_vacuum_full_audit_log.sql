-- ops: audit_log is 80% dead space after the purge, give it back to the OS
VACUUM FULL audit_log;
