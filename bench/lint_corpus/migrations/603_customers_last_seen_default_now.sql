-- golang-migrate: 000603_customers_last_seen.up.sql
ALTER TABLE customers ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
