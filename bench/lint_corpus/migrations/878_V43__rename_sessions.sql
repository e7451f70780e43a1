-- Flyway V43: sessions are now owned by the auth service, name them accordingly.
ALTER TABLE sessions RENAME TO auth_sessions;
ALTER INDEX sessions_pkey RENAME TO auth_sessions_pkey;
