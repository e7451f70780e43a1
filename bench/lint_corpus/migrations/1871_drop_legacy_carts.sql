-- carts moved to redis in 2024
DROP TABLE IF EXISTS legacy_carts CASCADE;
DROP SEQUENCE IF EXISTS legacy_carts_id_seq;
