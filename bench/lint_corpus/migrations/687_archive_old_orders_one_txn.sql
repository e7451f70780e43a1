-- Move orders older than one year to the archive tables.
BEGIN;
CREATE TABLE IF NOT EXISTS orders_archive (LIKE orders);
CREATE TABLE IF NOT EXISTS order_items_archive (LIKE order_items);
INSERT INTO order_items_archive
SELECT i.* FROM order_items i JOIN orders o ON o.id = i.order_id
WHERE o.created_at < now() - interval '1 year';
DELETE FROM order_items i USING orders o
WHERE o.id = i.order_id AND o.created_at < now() - interval '1 year';
INSERT INTO orders_archive SELECT * FROM orders WHERE created_at < now() - interval '1 year';
DELETE FROM orders WHERE created_at < now() - interval '1 year';
COMMIT;
