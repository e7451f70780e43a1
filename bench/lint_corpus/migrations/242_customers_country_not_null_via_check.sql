-- country NOT NULL without a long ACCESS EXCLUSIVE lock (PostgreSQL 12+ recipe).
ALTER TABLE customers
    ADD CONSTRAINT customers_country_not_null CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_country_not_null;
-- uses the validated check instead of scanning
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_country_not_null;
