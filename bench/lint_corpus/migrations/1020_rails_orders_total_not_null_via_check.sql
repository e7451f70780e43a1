-- strong_migrations style, three deploy steps squashed into one file run without a transaction
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_null" CHECK ("total" IS NOT NULL) NOT VALID;
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_total_null";
ALTER TABLE "orders" ALTER COLUMN "total" SET NOT NULL;
ALTER TABLE "orders" DROP CONSTRAINT "orders_total_null";
