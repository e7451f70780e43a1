-- Invoices need a name. Same CHECK-then-NOT NULL recipe as for orders.currency,
-- wrapped in a transaction so a failure leaves nothing half done.
BEGIN;
ALTER TABLE customers ADD CONSTRAINT customers_full_name_not_null
    CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_full_name_not_null;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_full_name_not_null;
COMMIT;
