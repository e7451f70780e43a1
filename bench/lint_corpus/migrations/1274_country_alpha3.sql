-- Switch to ISO 3166 alpha-3 country codes; widen the column first.
ALTER TABLE customers ALTER COLUMN country TYPE char(3);
