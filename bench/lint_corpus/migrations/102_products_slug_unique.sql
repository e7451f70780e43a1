ALTER TABLE products ADD COLUMN slug text;
UPDATE products SET slug = lower(sku) WHERE id <= 100;
CREATE UNIQUE INDEX products_slug_key ON products (slug);
