-- alembic upgrade b7d1f2c3e4a5:d2e3f4a5b6c7 --sql (two revisions; the second uses autocommit_block)
BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade b7d1f2c3e4a5 -> c1d2e3f4a5b6

ALTER TABLE orders ADD COLUMN external_ref VARCHAR(64);

INSERT INTO alembic_version (version_num) VALUES ('c1d2e3f4a5b6') RETURNING alembic_version.version_num;

-- Running upgrade c1d2e3f4a5b6 -> d2e3f4a5b6c7

COMMIT;

CREATE UNIQUE INDEX CONCURRENTLY ix_orders_external_ref ON orders (external_ref);

BEGIN;

UPDATE alembic_version SET version_num='d2e3f4a5b6c7' WHERE alembic_version.version_num = 'c1d2e3f4a5b6';

COMMIT;
