-- Auditing now goes to the event log.
DROP TABLE audit_log;
