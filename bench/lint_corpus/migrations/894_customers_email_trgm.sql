-- Admin search by partial e-mail.
CREATE INDEX customers_email_trgm_idx ON customers USING gin (email gin_trgm_ops);
