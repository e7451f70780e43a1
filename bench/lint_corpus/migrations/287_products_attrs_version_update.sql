-- attrs schema v2: every product gets {"schema": 2}.
UPDATE products SET attrs = coalesce(attrs, '{}'::jsonb) || '{"schema": 2}'::jsonb;
