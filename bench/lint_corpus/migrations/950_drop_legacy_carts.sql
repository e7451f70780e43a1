CREATE TABLE IF NOT EXISTS legacy_carts (id int PRIMARY KEY, payload text);
-- the old cart service is gone
DROP TABLE IF EXISTS legacy_carts;
