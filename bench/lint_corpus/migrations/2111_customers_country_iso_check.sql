-- country must be an upper-case ISO 3166 alpha-2 code.
-- Step 1 only checks new rows; step 2 scans the existing ones without blocking writes.
ALTER TABLE customers
    ADD CONSTRAINT customers_country_iso CHECK (country ~ '^[A-Z]{2}$') NOT VALID;

ALTER TABLE customers VALIDATE CONSTRAINT customers_country_iso;

-- down:
-- ALTER TABLE customers DROP CONSTRAINT customers_country_iso;
