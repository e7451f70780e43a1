-- "sessions" clashes with the framework's own table name; rename ours.
ALTER TABLE sessions RENAME TO customer_sessions;
ALTER INDEX sessions_pkey RENAME TO customer_sessions_pkey;
