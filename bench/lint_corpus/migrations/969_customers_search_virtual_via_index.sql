-- No stored column: an expression index answers the same queries.
CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_search_idx
    ON customers USING gin (to_tsvector('simple', coalesce(full_name, '') || ' ' || email));
