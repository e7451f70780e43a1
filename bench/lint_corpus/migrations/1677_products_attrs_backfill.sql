-- Add a schema version marker to every product's attrs
UPDATE products SET attrs = coalesce(attrs, '{}'::jsonb) || '{"v": 2}'::jsonb;
