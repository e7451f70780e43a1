BEGIN;
UPDATE customers SET full_name = '' WHERE full_name IS NULL;
ALTER TABLE customers ADD CONSTRAINT customers_full_name_nn CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_full_name_nn;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_full_name_nn;
COMMIT;
