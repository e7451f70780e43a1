-- audit_log does not need crash safety any more (it is shipped to the log store hourly).
ALTER TABLE audit_log SET UNLOGGED;
