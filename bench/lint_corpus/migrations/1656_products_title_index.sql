-- Product title lookups in the back office
CREATE INDEX products_title_idx ON products (title);
