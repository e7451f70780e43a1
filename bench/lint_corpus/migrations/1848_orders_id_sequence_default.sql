-- orders.id used to be assigned by the app; move it to a sequence.
BEGIN;
CREATE SEQUENCE IF NOT EXISTS orders_id_seq AS bigint OWNED BY orders.id;
SELECT setval('orders_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM orders), false);
ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('orders_id_seq');
COMMIT;
