-- Look products up by SKU in the warehouse scanner app.
CREATE INDEX IF NOT EXISTS products_sku_idx ON products (sku);
