-- Flyway V44
ALTER TABLE customers ADD CONSTRAINT customers_status_known
    CHECK (status IN ('active', 'suspended', 'deleted'));
