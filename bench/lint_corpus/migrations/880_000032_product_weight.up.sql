ALTER TABLE products ADD COLUMN weight_grams integer;
ALTER TABLE products ADD CONSTRAINT products_weight_positive CHECK (weight_grams IS NULL OR weight_grams > 0);
