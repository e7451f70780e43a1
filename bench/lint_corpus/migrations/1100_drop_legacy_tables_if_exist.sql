DROP TABLE IF EXISTS legacy_cart_items;
DROP TABLE IF EXISTS legacy_carts;
DROP VIEW IF EXISTS legacy_order_summary;
