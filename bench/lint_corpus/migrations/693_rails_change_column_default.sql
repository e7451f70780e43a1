-- Rails: change_column_default :customers, :status, from: "active", to: "pending"
--        change_column_null :customers, :country, false, "PL"
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
BEGIN;
ALTER TABLE "customers" ALTER COLUMN "status" SET DEFAULT 'pending';
UPDATE "customers" SET "country"='PL' WHERE "country" IS NULL;
ALTER TABLE "customers" ALTER "country" SET NOT NULL;
INSERT INTO "schema_migrations" ("version") VALUES ('20261106081500') RETURNING "version";
COMMIT;
