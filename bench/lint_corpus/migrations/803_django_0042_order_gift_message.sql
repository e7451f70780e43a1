BEGIN;
--
-- Add field gift_message to order
--
ALTER TABLE "orders" ADD COLUMN "gift_message" text NULL;
--
-- Add field is_gift to order
--
ALTER TABLE "orders" ADD COLUMN "is_gift" boolean DEFAULT false NOT NULL;
ALTER TABLE "orders" ALTER COLUMN "is_gift" DROP DEFAULT;
COMMIT;
