-- Sessions always expire; make expires_at mandatory.
ALTER TABLE sessions ALTER COLUMN expires_at SET NOT NULL;
