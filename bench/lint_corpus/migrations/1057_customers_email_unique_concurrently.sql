CREATE UNIQUE INDEX CONCURRENTLY customers_email_uniq ON customers (email);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_uniq;
