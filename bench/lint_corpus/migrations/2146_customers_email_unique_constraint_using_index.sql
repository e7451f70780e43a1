-- Promote e-mail uniqueness to a real constraint (the ORM reads constraints, not indexes).
-- Build the index concurrently, then attach it as the constraint: a catalog change only.
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key_idx ON customers (email);

ALTER TABLE customers
    ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key_idx;
