-- The session sweeper deletes by expires_at; index it.
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
