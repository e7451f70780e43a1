-- alter table(:order_items) do add :replacement_product_id, references(:products, type: :integer) end
ALTER TABLE "order_items" ADD COLUMN "replacement_product_id" integer CONSTRAINT "order_items_replacement_product_id_fkey" REFERENCES "products"("id");
