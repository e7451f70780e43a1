-- change_column_null :products, :discontinued, false, false
UPDATE "products" SET "discontinued" = FALSE WHERE "discontinued" IS NULL;
ALTER TABLE "products" ALTER COLUMN "discontinued" SET NOT NULL;
