-- Faceted search on product attributes (attrs @> '{"color": 3}').
-- products is small (thousands of rows): plain build.
create index products_attrs_gin_idx on products using gin (attrs jsonb_path_ops);
