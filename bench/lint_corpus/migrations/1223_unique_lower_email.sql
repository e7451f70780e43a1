-- Make emails case-insensitively unique.
CREATE UNIQUE INDEX CONCURRENTLY customers_lower_email_key ON customers (lower(email));
