-- The session reaper deletes by expires_at; give it an index without blocking logins.
SET maintenance_work_mem = '128MB';
CREATE INDEX CONCURRENTLY sessions_expires_at_idx ON sessions (expires_at);
RESET maintenance_work_mem;
