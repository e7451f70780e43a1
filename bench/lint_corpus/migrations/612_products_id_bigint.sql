-- sqitch deploy shop:products_id_bigint to pg
-- requires: appschema
BEGIN;
ALTER TABLE products ALTER COLUMN id TYPE bigint;
COMMIT;
