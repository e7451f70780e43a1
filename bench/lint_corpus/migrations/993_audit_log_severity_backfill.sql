ALTER TABLE audit_log ADD COLUMN severity text;
UPDATE audit_log SET severity = 'info' WHERE severity IS NULL;
ALTER TABLE audit_log ALTER COLUMN severity SET DEFAULT 'info';
