-- Loyalty tiers table and a reference from customers (Rails add_reference ..., foreign_key: true).
BEGIN;
CREATE TABLE "loyalty_tiers" ("id" bigserial primary key, "name" character varying NOT NULL, "min_spend" numeric(12,2) DEFAULT 0 NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
ALTER TABLE "customers" ADD "loyalty_tier_id" bigint;
CREATE INDEX "index_customers_on_loyalty_tier_id" ON "customers" ("loyalty_tier_id");
ALTER TABLE "customers" ADD CONSTRAINT "fk_rails_5b1c0a7e1f"
FOREIGN KEY ("loyalty_tier_id")
  REFERENCES "loyalty_tiers" ("id")
;
COMMIT;
