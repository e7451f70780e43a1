-- customers.id will never exceed int in this shop; shrink the session row.
ALTER TABLE "sessions" ALTER COLUMN "customer_id" TYPE integer;
