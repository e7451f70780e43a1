BEGIN;
ALTER TABLE customers ADD CONSTRAINT customers_status_check
    CHECK (status IN ('active', 'suspended', 'closed')) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_status_check;
COMMIT;
