BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 3f9a1c2b7d10

ALTER TABLE orders ADD COLUMN is_gift BOOLEAN DEFAULT false NOT NULL;

INSERT INTO alembic_version (version_num) VALUES ('3f9a1c2b7d10') RETURNING alembic_version.version_num;

COMMIT;

