-- AlterTable
ALTER TABLE "public"."orders" ADD COLUMN     "trackingNumber" TEXT;

-- CreateIndex
CREATE INDEX "orders_trackingNumber_idx" ON "public"."orders"("trackingNumber");
