-- details become structured
ALTER TABLE audit_log ALTER COLUMN details TYPE jsonb
    USING CASE WHEN details IS NULL THEN NULL ELSE jsonb_build_object('message', details) END;
