-- Actions are short codes ('insert', 'update', 'delete'); cap the length.
ALTER TABLE audit_log ALTER COLUMN action TYPE varchar(16);
