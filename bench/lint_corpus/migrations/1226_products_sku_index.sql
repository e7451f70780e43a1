-- Index products by SKU for the warehouse scanner lookups.
CREATE INDEX products_sku_idx ON products (sku);
