-- Prisma: @unique on Customer.email.
-- CreateIndex
CREATE UNIQUE INDEX "customers_email_key" ON "customers"("email");
