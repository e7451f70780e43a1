-- Rails: AddCampaignRefToOrders
--   add_reference :orders, :campaign, foreign_key: true, index: true
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
BEGIN;
CREATE TABLE "campaigns" ("id" bigserial primary key, "code" character varying NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
ALTER TABLE "orders" ADD "campaign_id" bigint;
CREATE INDEX "index_orders_on_campaign_id" ON "orders" ("campaign_id");
ALTER TABLE "orders" ADD CONSTRAINT "fk_rails_5e7c0a1f22"
FOREIGN KEY ("campaign_id")
  REFERENCES "campaigns" ("id")
;
INSERT INTO "schema_migrations" ("version") VALUES ('20261105120102') RETURNING "version";
COMMIT;
