CREATE INDEX CONCURRENTLY customers_email_trgm ON customers USING gin (email gin_trgm_ops);
