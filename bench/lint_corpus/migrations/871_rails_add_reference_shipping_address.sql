-- 20261105141500_add_shipping_address_to_orders.rb
-- add_reference :orders, :shipping_address, index: true
BEGIN;
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
CREATE TABLE "shipping_addresses" ("id" bigserial primary key, "customer_id" bigint NOT NULL, "line1" character varying NOT NULL, "city" character varying NOT NULL, "postcode" character varying, "country" character varying(2) NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
ALTER TABLE "orders" ADD "shipping_address_id" bigint;
CREATE INDEX "index_orders_on_shipping_address_id" ON "orders" ("shipping_address_id");
INSERT INTO "schema_migrations" ("version") VALUES ('20261105141500');
COMMIT;
