-- Swap in a rebuilt sessions table
BEGIN;
CREATE TABLE sessions_new (LIKE sessions INCLUDING ALL);
INSERT INTO sessions_new SELECT * FROM sessions WHERE expires_at > now();
ALTER TABLE sessions RENAME TO sessions_old;
ALTER TABLE sessions_new RENAME TO sessions;
COMMIT;
