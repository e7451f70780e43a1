-- Tags move to jsonb so the storefront can attach weights later.
ALTER TABLE products
    ALTER COLUMN tags TYPE jsonb USING to_jsonb(tags);
ALTER TABLE products ALTER COLUMN tags SET DEFAULT '[]'::jsonb;
