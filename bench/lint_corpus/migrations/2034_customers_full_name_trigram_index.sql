-- Fuzzy customer search in the back office.
CREATE INDEX customers_full_name_trgm ON customers USING gin (full_name gin_trgm_ops);
