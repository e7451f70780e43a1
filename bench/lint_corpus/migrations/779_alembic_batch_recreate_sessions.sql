-- Running upgrade e4f5a6b7c8d9 -> f5a6b7c8d9e0
-- (with op.batch_alter_table("sessions", recreate="always") as batch_op:
--      batch_op.alter_column("expires_at", nullable=False))

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE _alembic_tmp_sessions (
    token UUID NOT NULL, 
    customer_id BIGINT, 
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    PRIMARY KEY (token)
);

INSERT INTO _alembic_tmp_sessions (token, customer_id, expires_at) SELECT sessions.token, sessions.customer_id, sessions.expires_at 
FROM sessions;

DROP TABLE sessions;

ALTER TABLE _alembic_tmp_sessions RENAME TO sessions;

INSERT INTO alembic_version (version_num) VALUES ('f5a6b7c8d9e0') RETURNING alembic_version.version_num;

COMMIT;
