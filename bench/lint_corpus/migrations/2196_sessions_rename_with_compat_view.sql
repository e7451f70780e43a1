-- Rename sessions -> user_sessions. Until every service is deployed with the new name,
-- a simple (auto-updatable) view keeps the old name working.
BEGIN;
ALTER TABLE sessions RENAME TO user_sessions;
CREATE VIEW sessions AS SELECT token, customer_id, expires_at FROM user_sessions;
COMMIT;

-- down:
-- BEGIN; DROP VIEW sessions; ALTER TABLE user_sessions RENAME TO sessions; COMMIT;
