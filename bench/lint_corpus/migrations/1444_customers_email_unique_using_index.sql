-- Promote the unique email index to a constraint, built online first.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_email_key_idx ON customers (email);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key_idx;
