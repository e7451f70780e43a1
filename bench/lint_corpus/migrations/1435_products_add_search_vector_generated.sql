-- Full-text search over product titles via a stored generated column.
ALTER TABLE products
    ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;
