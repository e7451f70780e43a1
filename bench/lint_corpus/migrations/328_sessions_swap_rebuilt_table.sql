-- Rebuild sessions without expired rows and swap it in.
CREATE TABLE sessions_new (LIKE sessions INCLUDING ALL);
INSERT INTO sessions_new SELECT * FROM sessions WHERE expires_at > now();
BEGIN;
ALTER TABLE sessions RENAME TO sessions_old;
ALTER TABLE sessions_new RENAME TO sessions;
COMMIT;
DROP TABLE sessions_old;
