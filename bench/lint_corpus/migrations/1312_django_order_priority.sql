-- Add Order.priority (IntegerField(default=0)).
BEGIN;
--
-- Add field priority to order
--
ALTER TABLE "orders" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;
ALTER TABLE "orders" ALTER COLUMN "priority" DROP DEFAULT;
COMMIT;
