-- priv/repo/migrations/20261108120000_limit_coupon_length.exs (mix ecto.migrate --log-migrations-sql)
BEGIN;
ALTER TABLE "orders" ALTER COLUMN "coupon" TYPE varchar(64);
COMMIT;
