-- execute "COMMENT ON ..."; alter table(:products) do modify :stock, :integer, default: 10 end
COMMENT ON COLUMN "products"."stock" IS 'units on hand in the main warehouse';
ALTER TABLE "products" ALTER COLUMN "stock" SET DEFAULT 10;
