-- orders.id was assigned by the application; hand it over to a sequence.
CREATE SEQUENCE IF NOT EXISTS orders_id_seq AS bigint OWNED BY orders.id;
SELECT setval('orders_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM orders), false);
ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('orders_id_seq');
