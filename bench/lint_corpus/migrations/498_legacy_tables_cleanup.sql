-- Leftovers of the 2019 cart experiment.
DROP TABLE IF EXISTS legacy_carts CASCADE;
DROP TABLE IF EXISTS legacy_cart_items CASCADE;
DROP FUNCTION IF EXISTS legacy_cart_total(bigint);
