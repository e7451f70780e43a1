-- Physically order the audit log by id for the range scans of the export job.
CLUSTER audit_log USING audit_log_pkey;
ANALYZE audit_log;
