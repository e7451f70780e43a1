-- The audit log is shipped to the SIEM every minute; no need to WAL-log it here.
ALTER TABLE audit_log SET UNLOGGED;
