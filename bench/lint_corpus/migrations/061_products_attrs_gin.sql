CREATE INDEX products_attrs_idx ON products USING gin (attrs);
