-- Rename sessions to customer_sessions; keep the old name as a view until the
-- auth service is redeployed.
BEGIN;
ALTER TABLE sessions RENAME TO customer_sessions;
CREATE VIEW sessions AS SELECT token, customer_id, expires_at FROM customer_sessions;
COMMIT;
