-- Alembic offline SQL (alembic upgrade 7a1f..:9c3e.. --sql): add orders.source_ip.
BEGIN;

-- Running upgrade 7a1f03b2c4d5 -> 9c3e5d7f1a2b

ALTER TABLE orders ADD COLUMN source_ip INET;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

INSERT INTO alembic_version (version_num) VALUES ('9c3e5d7f1a2b');

COMMIT;
