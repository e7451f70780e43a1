-- products is a small table; a plain unique constraint is fine.
ALTER TABLE products ADD CONSTRAINT products_sku_unique UNIQUE (sku);
