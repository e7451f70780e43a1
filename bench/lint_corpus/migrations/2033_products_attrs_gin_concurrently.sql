CREATE INDEX CONCURRENTLY products_attrs_gin ON products USING gin (attrs jsonb_path_ops);
