BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade a3c8e1f09d42 -> b7d1f2c3e4a5

ALTER TABLE customers ALTER COLUMN email TYPE TEXT;

ALTER TABLE customers ALTER COLUMN country SET NOT NULL;

INSERT INTO alembic_version (version_num) VALUES ('b7d1f2c3e4a5') RETURNING alembic_version.version_num;

COMMIT;
