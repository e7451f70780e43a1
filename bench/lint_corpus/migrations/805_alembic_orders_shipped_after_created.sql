BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 9b1e44c0a7d2

ALTER TABLE orders ADD CONSTRAINT ck_orders_shipped_after_created CHECK (shipped_at IS NULL OR shipped_at >= created_at - interval '1 day') NOT VALID;

INSERT INTO alembic_version (version_num) VALUES ('9b1e44c0a7d2') RETURNING alembic_version.version_num;

COMMIT;
