-- audit_log.action is required (alembic: op.alter_column('audit_log', 'action', nullable=False)).
BEGIN;

-- Running upgrade 3f2a9c1d7e44 -> 8b7d0e52c1aa

ALTER TABLE audit_log ALTER COLUMN action SET NOT NULL;

COMMIT;
