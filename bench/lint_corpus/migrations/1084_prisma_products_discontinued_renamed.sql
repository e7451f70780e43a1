/*
  Warnings:

  - You are about to drop the column `discontinued` on the `products` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "products" DROP COLUMN "discontinued",
ADD COLUMN     "isDiscontinued" BOOLEAN NOT NULL DEFAULT false;
