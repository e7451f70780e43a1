-- some audited tables have uuid keys
ALTER TABLE audit_log ALTER COLUMN row_id TYPE text USING row_id::text;
