-- Django: 0060_customer_segment (AddField with default, PostgreSQL 11+)
BEGIN;
--
-- Add field segment to customer
--
ALTER TABLE "customers" ADD COLUMN "segment" varchar(16) DEFAULT 'retail' NOT NULL;
ALTER TABLE "customers" ALTER COLUMN "segment" DROP DEFAULT;
--
-- Add field vip_since to customer
--
ALTER TABLE "customers" ADD COLUMN "vip_since" date NULL;
COMMIT;
