-- Running upgrade 9c1e2f7a4b3d -> 0d5f8e2a6c71, align column types with the models

BEGIN;

ALTER TABLE products ALTER COLUMN stock TYPE BIGINT;

ALTER TABLE audit_log ALTER COLUMN row_id TYPE INTEGER USING row_id::integer;

COMMIT;
