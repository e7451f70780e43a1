-- Running upgrade 5c1f0a7d2b11 -> 7e9a3b6c4d20

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 7e9a3b6c4d20

CREATE INDEX CONCURRENTLY ix_orders_coupon ON orders (coupon) WHERE coupon IS NOT NULL;

INSERT INTO alembic_version (version_num) VALUES ('7e9a3b6c4d20') RETURNING alembic_version.version_num;

COMMIT;
