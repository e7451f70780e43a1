-- Prisma Migrate
-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('new', 'paid', 'shipped', 'cancelled');

-- AlterTable
ALTER TABLE "orders" ALTER COLUMN "status" SET DATA TYPE "OrderStatus" USING ("status"::text::"OrderStatus");
