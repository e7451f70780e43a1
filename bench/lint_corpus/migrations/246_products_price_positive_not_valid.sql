-- New and updated products must have a positive price; legacy rows are checked later.
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0) NOT VALID;
