-- GIN index over product attributes for the facet filter.
CREATE INDEX products_attrs_gin ON products USING gin (attrs jsonb_path_ops);
