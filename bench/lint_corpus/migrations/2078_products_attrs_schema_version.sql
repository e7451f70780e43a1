-- Tag every product's attributes with the schema version the new PIM expects.
UPDATE products
SET attrs = coalesce(attrs, '{}'::jsonb) || '{"schema": 2}'::jsonb
WHERE attrs IS NULL OR NOT attrs ? 'schema';
