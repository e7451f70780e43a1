-- Admin search box: fuzzy match on customer names (pg_trgm is already installed).
CREATE INDEX customers_full_name_trgm_idx ON customers USING gin (full_name gin_trgm_ops);
