-- Unique e-mail addresses, built without blocking sign-ups.
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key_idx ON customers (email);
ALTER TABLE customers
    ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key_idx;
