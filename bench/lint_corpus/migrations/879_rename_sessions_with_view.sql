-- Rename, and keep a compatibility view so old code keeps working until it is deployed.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE sessions RENAME TO auth_sessions;
CREATE VIEW sessions AS SELECT token, customer_id, expires_at FROM auth_sessions;
COMMIT;
