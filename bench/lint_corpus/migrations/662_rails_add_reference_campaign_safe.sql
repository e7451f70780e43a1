-- Rails (strong_migrations): disable_ddl_transaction!
--   add_reference :orders, :campaign, index: {algorithm: :concurrently}, foreign_key: {validate: false}
--   validate_foreign_key :orders, :campaigns
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "campaigns" ("id" bigserial primary key, "code" character varying NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
SET lock_timeout TO '10s';
SET statement_timeout TO '1h';
ALTER TABLE "orders" ADD "campaign_id" bigint;
CREATE INDEX CONCURRENTLY "index_orders_on_campaign_id" ON "orders" ("campaign_id");
ALTER TABLE "orders" ADD CONSTRAINT "fk_rails_5e7c0a1f22"
FOREIGN KEY ("campaign_id")
  REFERENCES "campaigns" ("id")
 NOT VALID;
ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_rails_5e7c0a1f22";
INSERT INTO "schema_migrations" ("version") VALUES ('20261105120103') RETURNING "version";
