BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 4c1e7a9b2d10

ALTER TABLE products ADD COLUMN weight_grams INTEGER DEFAULT '0' NOT NULL;

INSERT INTO alembic_version (version_num) VALUES ('4c1e7a9b2d10') RETURNING alembic_version.version_num;

COMMIT;
