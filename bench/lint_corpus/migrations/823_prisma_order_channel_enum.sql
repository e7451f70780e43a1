-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('WEB', 'APP', 'POS', 'MARKETPLACE');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "channel" "OrderChannel" NOT NULL DEFAULT 'WEB';
