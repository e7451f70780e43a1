-- Keep sessions physically ordered by expiry so the cleanup job reads few pages.
CREATE INDEX IF NOT EXISTS sessions_expires_at_idx ON sessions (expires_at);
CLUSTER sessions USING sessions_expires_at_idx;
