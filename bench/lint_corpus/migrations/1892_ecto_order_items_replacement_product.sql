ALTER TABLE "order_items" ADD COLUMN "replacement_product_id" integer CONSTRAINT "order_items_replacement_product_id_fkey" REFERENCES "products"("id") ON DELETE SET NULL;
CREATE INDEX "order_items_replacement_product_id_index" ON "order_items" ("replacement_product_id");
