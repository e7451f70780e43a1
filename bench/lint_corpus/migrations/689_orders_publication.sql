-- Logical replication of orders to the analytics cluster.
ALTER TABLE orders REPLICA IDENTITY FULL;
DROP PUBLICATION IF EXISTS analytics_pub;
CREATE PUBLICATION analytics_pub FOR TABLE orders, order_items WITH (publish = 'insert, update, delete');
