-- Django 4.2: orders.0042_order_is_gift
BEGIN;
--
-- Add field is_gift to order
--
ALTER TABLE "orders" ADD COLUMN "is_gift" boolean DEFAULT false NOT NULL;
ALTER TABLE "orders" ALTER COLUMN "is_gift" DROP DEFAULT;
COMMIT;
