-- Fuzzy customer search in the support tool.
CREATE INDEX customers_full_name_trgm_idx ON customers USING gin (full_name gin_trgm_ops);
