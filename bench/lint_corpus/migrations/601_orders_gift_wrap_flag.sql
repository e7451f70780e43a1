-- Rails: AddGiftWrapToOrders (rails db:migrate, SQL from the log)
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
BEGIN;
ALTER TABLE "orders" ADD "gift_wrap" boolean DEFAULT FALSE NOT NULL;
INSERT INTO "schema_migrations" ("version") VALUES ('20261102093011') RETURNING "version";
COMMIT;
