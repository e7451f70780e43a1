-- SKUs are unique per catalogue.
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);
