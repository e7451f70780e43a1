-- query: ProductsTagsJsonb1731090000000
ALTER TABLE "products" DROP COLUMN "tags";
ALTER TABLE "products" ADD "tags" jsonb;
