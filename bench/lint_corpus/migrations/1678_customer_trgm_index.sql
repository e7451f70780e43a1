-- Fuzzy search on customer names in support tooling
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY customers_full_name_trgm ON customers USING gin (full_name gin_trgm_ops);
