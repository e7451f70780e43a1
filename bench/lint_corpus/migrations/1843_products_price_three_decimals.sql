-- wholesale prices need a third decimal
ALTER TABLE products ALTER COLUMN price TYPE numeric(12,3);
