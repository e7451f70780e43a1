-- 20261102093011_add_index_to_orders_status.rb, SQL as run by ActiveRecord
BEGIN;
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
CREATE INDEX "index_orders_on_status" ON "orders" ("status");
INSERT INTO "schema_migrations" ("version") VALUES ('20261102093011');
COMMIT;
