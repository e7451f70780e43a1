-- V42__products_title_search.sql
ALTER TABLE products
    ADD COLUMN title_search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED;

CREATE INDEX products_title_search_idx ON products USING gin (title_search);
