-- Every audit entry carries details
ALTER TABLE audit_log ALTER COLUMN details SET NOT NULL;
