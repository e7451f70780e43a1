BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 51c0de7e2a90

ALTER TABLE customers ADD COLUMN lifecycle VARCHAR(16);

UPDATE customers SET lifecycle=CASE WHEN (customers.created_at < now() - interval '365 days') THEN 'loyal' ELSE 'new' END;

ALTER TABLE customers ALTER COLUMN lifecycle SET NOT NULL;

INSERT INTO alembic_version (version_num) VALUES ('51c0de7e2a90') RETURNING alembic_version.version_num;

COMMIT;
