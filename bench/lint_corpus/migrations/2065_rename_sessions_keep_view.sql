BEGIN;
ALTER TABLE sessions RENAME TO customer_sessions;
-- compatibility view until every service reads customer_sessions
CREATE VIEW sessions AS SELECT * FROM customer_sessions;
COMMIT;
