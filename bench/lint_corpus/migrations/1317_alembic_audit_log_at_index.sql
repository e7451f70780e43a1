-- Index audit_log.at for the retention job (alembic op.create_index).
BEGIN;

-- Running upgrade c41e7f9a0b13 -> 0d9e3b7a5f21

CREATE INDEX ix_audit_log_at ON audit_log (at);

COMMIT;
