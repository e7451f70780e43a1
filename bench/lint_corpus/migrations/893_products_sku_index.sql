CREATE UNIQUE INDEX products_sku_key ON products (sku);
