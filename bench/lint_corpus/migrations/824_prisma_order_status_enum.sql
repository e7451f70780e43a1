-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('new', 'paid', 'shipped', 'cancelled', 'refunded');

-- AlterTable
ALTER TABLE "orders" ALTER COLUMN "status" TYPE "OrderStatus" USING ("status"::text::"OrderStatus");
