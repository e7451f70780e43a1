-- Django: shop/migrations/0053_order_is_paid.py (AddField + RunSQL, atomic)
BEGIN;
--
-- Add field is_paid to order
--
ALTER TABLE "orders" ADD COLUMN "is_paid" boolean DEFAULT false NOT NULL;
ALTER TABLE "orders" ALTER COLUMN "is_paid" DROP DEFAULT;
--
-- Raw SQL operation
--
UPDATE orders SET is_paid = true WHERE status IN ('paid', 'shipped');
COMMIT;
