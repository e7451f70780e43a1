-- Enforce unique SKUs. Build the index online, then attach it as the constraint.
CREATE UNIQUE INDEX CONCURRENTLY products_sku_uidx ON products (sku);
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE USING INDEX products_sku_uidx;
