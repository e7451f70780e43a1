-- Default country for new signups, and only ISO-style codes from now on.
ALTER TABLE customers ALTER COLUMN country SET DEFAULT 'PL';
ALTER TABLE customers ADD CONSTRAINT customers_country_format CHECK (country ~ '^[A-Z]{2}$') NOT VALID;
