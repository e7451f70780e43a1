CREATE UNIQUE INDEX CONCURRENTLY products_sku_uniq ON products (sku);
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE USING INDEX products_sku_uniq;
