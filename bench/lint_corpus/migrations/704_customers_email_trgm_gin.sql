-- Admin search box: substring search on email.
CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);
