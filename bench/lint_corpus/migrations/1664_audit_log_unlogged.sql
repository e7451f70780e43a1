-- audit_log is rebuilt from the event stream anyway; skip WAL for it
ALTER TABLE audit_log SET UNLOGGED;
