-- Record who made the change in audit_log.
ALTER TABLE audit_log ADD COLUMN actor text, ADD COLUMN ip inet;
