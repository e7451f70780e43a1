-- Running upgrade 7e9a3b6c4d20 -> 91d2e4f5a6b7
-- (op.get_context().autocommit_block() around the concurrent index)

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

COMMIT;

CREATE INDEX CONCURRENTLY ix_order_items_product_id ON order_items (product_id);

BEGIN;

INSERT INTO alembic_version (version_num) VALUES ('91d2e4f5a6b7') RETURNING alembic_version.version_num;

COMMIT;
