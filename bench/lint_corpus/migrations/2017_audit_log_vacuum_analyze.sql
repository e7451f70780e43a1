-- after the big audit import
VACUUM (ANALYZE, VERBOSE) audit_log;
