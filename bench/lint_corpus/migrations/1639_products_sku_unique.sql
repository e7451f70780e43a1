-- SKUs must be unique
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);
