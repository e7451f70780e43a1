-- Lookups by SKU from the warehouse scanner.
CREATE UNIQUE INDEX products_sku_key ON products (sku);
