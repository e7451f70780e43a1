ALTER TABLE products ADD CONSTRAINT products_stock_nonneg CHECK (stock >= 0) NOT VALID;
ALTER TABLE products VALIDATE CONSTRAINT products_stock_nonneg;
