-- Index sessions by expiry so the cleanup job stops scanning the whole table.
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
