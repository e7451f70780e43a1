-- SKUs must be unique; build the index without blocking and attach it as a constraint.
CREATE UNIQUE INDEX CONCURRENTLY products_sku_key ON products (sku);
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE USING INDEX products_sku_key;
