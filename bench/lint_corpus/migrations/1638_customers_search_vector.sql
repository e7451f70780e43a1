-- Full-text search over customer names
ALTER TABLE customers ADD COLUMN name_search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(full_name, ''))) STORED;
