ALTER TABLE products ALTER COLUMN tags TYPE jsonb USING to_jsonb(tags);
