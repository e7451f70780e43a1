ALTER TABLE audit_log ALTER COLUMN details TYPE jsonb USING jsonb_build_object('text', details);
