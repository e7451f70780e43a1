-- audit_log is re-creatable from the event stream; stop WAL-logging it.
ALTER TABLE audit_log SET UNLOGGED;
