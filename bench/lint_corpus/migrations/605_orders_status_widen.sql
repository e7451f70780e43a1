-- Prisma Migrate
-- AlterTable
ALTER TABLE "orders" ALTER COLUMN "status" SET DATA TYPE VARCHAR(40);
