-- db/migrate/20261107101500_create_wishlists.rb (rails db:migrate:up VERSION=... verbose SQL)
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
BEGIN;
CREATE TABLE "wishlists" ("id" bigserial primary key, "customer_id" bigint NOT NULL, "name" character varying NOT NULL, "public" boolean DEFAULT FALSE NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL, CONSTRAINT "fk_rails_8c1e3b2a41"
FOREIGN KEY ("customer_id")
  REFERENCES "customers" ("id")
);
CREATE INDEX "index_wishlists_on_customer_id" ON "wishlists" ("customer_id");
INSERT INTO "schema_migrations" ("version") VALUES ('20261107101500') RETURNING "version";
COMMIT;
