-- Stock must be set explicitly by the warehouse import.
ALTER TABLE products ALTER COLUMN stock DROP DEFAULT;
