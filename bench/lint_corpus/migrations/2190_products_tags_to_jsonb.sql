-- Tags get weights: store them as jsonb instead of text[].
ALTER TABLE products
    ALTER COLUMN tags TYPE jsonb USING to_jsonb(tags);
