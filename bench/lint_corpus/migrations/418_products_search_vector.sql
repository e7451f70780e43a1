-- Full text search on product titles.
ALTER TABLE products
    ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED;

CREATE INDEX CONCURRENTLY products_search_vector_idx ON products USING gin (search_vector);
