-- Prisma Migrate
-- AlterTable
ALTER TABLE "customers" ALTER COLUMN "email" SET DATA TYPE TEXT;
