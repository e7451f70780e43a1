-- One open cart per customer (built concurrently).
CREATE UNIQUE INDEX CONCURRENTLY orders_customer_uniq ON orders (customer_id);
