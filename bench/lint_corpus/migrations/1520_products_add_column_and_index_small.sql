-- Products get a brand; index it for the brand filter.
BEGIN;
ALTER TABLE products ADD COLUMN brand text;
CREATE INDEX products_brand_idx ON products (brand);
COMMIT;
