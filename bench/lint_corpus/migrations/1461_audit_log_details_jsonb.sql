-- Audit details become structured JSON.
ALTER TABLE audit_log ALTER COLUMN details TYPE jsonb USING to_jsonb(details);
