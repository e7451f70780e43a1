ALTER TABLE audit_log ALTER COLUMN details TYPE varchar;
