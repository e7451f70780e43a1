-- atlas:txmode none

-- Modify "orders" table
ALTER TABLE "public"."orders" ADD COLUMN "discount" numeric(12,2) NULL DEFAULT 0;
-- Create index "orders_discount_idx" to table: "orders"
CREATE INDEX CONCURRENTLY "orders_discount_idx" ON "public"."orders" ("discount") WHERE (discount > (0)::numeric);
