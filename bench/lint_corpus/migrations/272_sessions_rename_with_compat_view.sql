-- Rename sessions -> customer_sessions; keep a view under the old name until every service is redeployed.
BEGIN;
ALTER TABLE sessions RENAME TO customer_sessions;
CREATE VIEW sessions AS SELECT token, customer_id, expires_at FROM customer_sessions;
COMMIT;
