-- Store the carrier tracking number on orders and look orders up by it.
-- Prisma migration: 20261107093012_add_tracking_number
-- AlterTable
ALTER TABLE "orders" ADD COLUMN "tracking_number" TEXT;

-- CreateIndex
CREATE INDEX "orders_tracking_number_idx" ON "orders"("tracking_number");
