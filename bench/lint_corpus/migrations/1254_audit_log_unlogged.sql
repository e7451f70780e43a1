-- The audit log is also shipped to the SIEM; stop writing WAL for it here.
ALTER TABLE audit_log SET UNLOGGED;
