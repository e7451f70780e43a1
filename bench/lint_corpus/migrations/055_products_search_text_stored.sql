ALTER TABLE products
    ADD COLUMN search_text text GENERATED ALWAYS AS (lower(sku || ' ' || title)) STORED;
