-- Ops: copy sessions to an archive table before the schema change
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE sessions_archive (LIKE sessions INCLUDING ALL);
INSERT INTO sessions_archive SELECT * FROM sessions WHERE expires_at < now() - interval '30 days';
ALTER TABLE sessions ALTER COLUMN expires_at SET DEFAULT now() + interval '14 days';
COMMENT ON TABLE sessions_archive IS 'Expired sessions, kept 1 year';
COMMIT;
