-- audit_log is write-heavy and we can rebuild it from the event stream; skip WAL.
ALTER TABLE audit_log SET UNLOGGED;
