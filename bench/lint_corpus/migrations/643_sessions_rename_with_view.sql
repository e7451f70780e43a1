-- Rename sessions -> customer_sessions; keep an updatable view under the old
-- name until every service has deployed the new name.
BEGIN;
SET LOCAL lock_timeout = '1s';
ALTER TABLE sessions RENAME TO customer_sessions;
CREATE VIEW sessions AS SELECT token, customer_id, expires_at FROM customer_sessions;
COMMIT;
