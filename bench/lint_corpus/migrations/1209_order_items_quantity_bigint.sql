-- Wholesale orders can exceed 2^31 units per line; make quantity a bigint.
ALTER TABLE "order_items" ALTER COLUMN "quantity" TYPE bigint;
