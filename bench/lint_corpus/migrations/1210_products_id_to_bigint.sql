-- Move products.id to bigint before the catalogue import from the new supplier.
BEGIN;
ALTER TABLE products ALTER COLUMN id TYPE bigint;
COMMIT;
