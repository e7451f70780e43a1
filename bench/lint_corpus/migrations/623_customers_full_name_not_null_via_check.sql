-- SET NOT NULL without the long exclusive scan:
-- 1. a NOT VALID check (instant), 2. validate it (no exclusive lock),
-- 3. SET NOT NULL uses the validated check instead of scanning, 4. drop the check.
SET lock_timeout = '2s';
ALTER TABLE customers ADD CONSTRAINT customers_full_name_not_null
    CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_full_name_not_null;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_full_name_not_null;
