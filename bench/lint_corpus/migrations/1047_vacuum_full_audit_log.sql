-- audit_log bloated after the purge; give the space back to the OS.
VACUUM (FULL, ANALYZE) audit_log;
