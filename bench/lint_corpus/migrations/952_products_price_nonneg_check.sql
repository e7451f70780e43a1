-- products is small (a few thousand rows): validate in place.
ALTER TABLE products ADD CONSTRAINT products_price_nonneg CHECK (price >= 0);
ALTER TABLE products ADD CONSTRAINT products_stock_nonneg CHECK (stock >= 0);
