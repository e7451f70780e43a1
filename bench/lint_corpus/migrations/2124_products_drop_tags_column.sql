-- Tags moved to the product_tags table in the previous release; drop the old array column.
ALTER TABLE products DROP COLUMN IF EXISTS tags;
