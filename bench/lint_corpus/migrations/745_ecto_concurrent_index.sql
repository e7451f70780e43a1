-- Ecto: priv/repo/migrations/20261108140000_add_orders_customer_status_index.exs
--   @disable_ddl_transaction true
--   @disable_migration_lock true
--   create index(:orders, [:customer_id, :status], concurrently: true)
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" bigint PRIMARY KEY, "inserted_at" timestamp(0));
CREATE INDEX CONCURRENTLY "orders_customer_id_status_index" ON "orders" ("customer_id", "status");
INSERT INTO "schema_migrations" ("version", "inserted_at") VALUES (20261108140000, now()::timestamp(0));
