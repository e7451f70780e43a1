-- The storefront cannot show more than 120 characters.
ALTER TABLE products ALTER COLUMN title TYPE varchar(120);
