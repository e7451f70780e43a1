-- full_name becomes mandatory. A validated CHECK (col IS NOT NULL) lets SET NOT NULL skip
-- its own full-table scan (PostgreSQL 12+), so the ACCESS EXCLUSIVE lock is only momentary.
ALTER TABLE customers
    ADD CONSTRAINT customers_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_full_name_not_null;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_full_name_not_null;
