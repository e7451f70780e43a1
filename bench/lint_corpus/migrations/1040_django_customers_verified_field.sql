BEGIN;
--
-- Add field verified to customer
--
ALTER TABLE "customers" ADD COLUMN "verified" boolean DEFAULT false NOT NULL;
ALTER TABLE "customers" ALTER COLUMN "verified" DROP DEFAULT;
COMMIT;
