-- TypeORM migration CustomerFullNameLength1762250000000 (generated)
START TRANSACTION;
ALTER TABLE "customers" DROP COLUMN "full_name";
ALTER TABLE "customers" ADD "full_name" character varying(120);
CREATE TABLE IF NOT EXISTS "migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_migrations_id" PRIMARY KEY ("id"));
INSERT INTO "migrations"("timestamp", "name") VALUES (1762250000000, 'CustomerFullNameLength1762250000000');
COMMIT;
