-- Structured audit details: keep old free-text entries under a "message" key.
ALTER TABLE audit_log
    ALTER COLUMN details TYPE jsonb
    USING CASE WHEN details IS NULL THEN NULL ELSE jsonb_build_object('message', details) END;
