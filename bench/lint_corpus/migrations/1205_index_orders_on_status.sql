-- Speed up the admin order list filtered by status.
-- CreateIndex
CREATE INDEX "orders_status_idx" ON "orders"("status");
