-- Flyway V771__customers_signup_source.sql
ALTER TABLE customers ADD COLUMN signup_source varchar(32);
CREATE INDEX idx_customers_created_at ON customers (created_at);
