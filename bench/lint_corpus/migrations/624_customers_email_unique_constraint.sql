-- Ecto: priv/repo/migrations/20261104101500_unique_customer_email.exs
-- create unique_index(:customers, [:email])  -- rendered by mix ecto.migrate --log-migrations-sql
ALTER TABLE "customers" ADD CONSTRAINT "customers_email_index" UNIQUE ("email");
