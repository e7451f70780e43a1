-- New products must have a positive price; old rows get checked by a later job.
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0) NOT VALID;
