-- Orders were numbered by the old ERP; from now on the database assigns ids.
CREATE SEQUENCE IF NOT EXISTS orders_id_seq AS bigint OWNED BY orders.id;
SELECT setval('orders_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM orders), false);
ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('orders_id_seq');
