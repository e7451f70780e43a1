-- Login is case-insensitive; make sure two accounts can't share an email.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_email_lower_key
    ON customers (lower(email));
