-- Index orders.created_at for the monthly report (Rails add_index ... algorithm: :concurrently).
BEGIN;
CREATE INDEX CONCURRENTLY "index_orders_on_created_at" ON "orders" ("created_at");
COMMIT;
