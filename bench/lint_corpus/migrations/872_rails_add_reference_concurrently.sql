-- 20261105150200_add_warehouse_to_orders.rb
-- disable_ddl_transaction!
-- add_reference :orders, :warehouse, index: { algorithm: :concurrently }
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
ALTER TABLE "orders" ADD "warehouse_id" bigint;
CREATE INDEX CONCURRENTLY "index_orders_on_warehouse_id" ON "orders" ("warehouse_id");
INSERT INTO "schema_migrations" ("version") VALUES ('20261105150200');
