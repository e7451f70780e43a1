-- Prisma migrate: add updatedAt DateTime @updatedAt to Customer
-- AlterTable
ALTER TABLE "customers" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL;
