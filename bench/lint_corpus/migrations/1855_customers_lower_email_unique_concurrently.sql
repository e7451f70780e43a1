-- case-insensitive uniqueness of e-mail addresses
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_lower_email_key ON customers (lower(email));
