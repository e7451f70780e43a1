-- SET NOT NULL without the long ACCESS EXCLUSIVE scan: prove it with a validated CHECK first.
SET lock_timeout = '3s';
ALTER TABLE customers ADD CONSTRAINT customers_country_not_null CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_country_not_null;
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_country_not_null;
