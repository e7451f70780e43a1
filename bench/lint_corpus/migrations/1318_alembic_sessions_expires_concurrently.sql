-- Index sessions.expires_at (alembic op.create_index(..., postgresql_concurrently=True) in an autocommit_block).
BEGIN;

-- Running upgrade 0d9e3b7a5f21 -> 5a6c8e2d9f30

COMMIT;

CREATE INDEX CONCURRENTLY ix_sessions_expires_at ON sessions (expires_at);

BEGIN;

COMMIT;
