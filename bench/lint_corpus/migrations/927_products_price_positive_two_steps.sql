SET lock_timeout = '1s';
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0) NOT VALID;
RESET lock_timeout;
ALTER TABLE products VALIDATE CONSTRAINT products_price_positive;
