-- audit_log was made UNLOGGED for the bulk import; make it crash-safe again.
ALTER TABLE audit_log SET UNLOGGED;
ALTER TABLE audit_log SET LOGGED;
