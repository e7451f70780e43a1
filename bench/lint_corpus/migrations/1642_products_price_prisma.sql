-- Prisma migrate: price @db.Decimal(12, 4)
-- AlterTable
ALTER TABLE "products" ALTER COLUMN "price" SET DATA TYPE DECIMAL(12,4);
