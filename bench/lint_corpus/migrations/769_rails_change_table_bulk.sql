-- Rails: change_table :orders, bulk: true do |t|
--          t.text :internal_note
--          t.change :currency, :string, limit: 3
--        end
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
BEGIN;
ALTER TABLE "orders" ADD "internal_note" text, ALTER COLUMN "currency" TYPE character varying(3);
INSERT INTO "schema_migrations" ("version") VALUES ('20261109091500') RETURNING "version";
COMMIT;
