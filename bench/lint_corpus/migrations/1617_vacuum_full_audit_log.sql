-- Ops: reclaim space in audit_log after the big purge
VACUUM FULL audit_log;
