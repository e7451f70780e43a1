-- Build the unique index without blocking writes, then promote it to a constraint.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_email_uniq ON customers (email);
SET lock_timeout = '2s';
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_uniq;
