-- audit_log has been bloated since the big purge; give the space back to the OS.
VACUUM (FULL, ANALYZE) audit_log;
