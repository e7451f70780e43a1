-- SET NOT NULL without the long scan under ACCESS EXCLUSIVE:
-- a validated CHECK (country IS NOT NULL) lets PostgreSQL skip the scan.
SET lock_timeout = '3s';
ALTER TABLE customers ADD CONSTRAINT customers_country_nn CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_country_nn;
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_country_nn;
