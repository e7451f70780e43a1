-- Shipping needs a weight for every product.
ALTER TABLE products ADD COLUMN weight_grams integer NOT NULL;
