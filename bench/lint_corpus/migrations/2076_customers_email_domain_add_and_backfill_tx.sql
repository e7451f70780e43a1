BEGIN;
ALTER TABLE customers ADD COLUMN email_domain text;
UPDATE customers SET email_domain = lower(split_part(email, '@', 2));
CREATE INDEX customers_email_domain_idx ON customers (email_domain);
COMMIT;
