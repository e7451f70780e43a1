-- Composite key so shipments can reference (order, customer) together.
CREATE UNIQUE INDEX CONCURRENTLY orders_id_customer_id_key ON orders (id, customer_id);
ALTER TABLE orders
    ADD CONSTRAINT orders_id_customer_id_key UNIQUE USING INDEX orders_id_customer_id_key;
