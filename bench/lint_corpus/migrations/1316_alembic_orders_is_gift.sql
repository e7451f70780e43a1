-- Add orders.is_gift (alembic: sa.Column('is_gift', sa.Boolean(), server_default=sa.false(), nullable=False)).
BEGIN;

-- Running upgrade 8b7d0e52c1aa -> c41e7f9a0b13

ALTER TABLE orders ADD COLUMN is_gift BOOLEAN DEFAULT false NOT NULL;

COMMIT;
