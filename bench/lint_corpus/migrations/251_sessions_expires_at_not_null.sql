-- sessions.expires_at NOT NULL: add the helper check first so SET NOT NULL is instant.
ALTER TABLE sessions ADD CONSTRAINT sessions_expires_at_nn CHECK (expires_at IS NOT NULL) NOT VALID;
ALTER TABLE sessions ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE sessions DROP CONSTRAINT sessions_expires_at_nn;
