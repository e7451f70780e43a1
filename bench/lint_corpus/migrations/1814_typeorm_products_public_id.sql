-- TypeORM migration AddProductPublicId1764921000000
ALTER TABLE "products" ADD "public_id" uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX "IDX_products_public_id" ON "products" ("public_id");
