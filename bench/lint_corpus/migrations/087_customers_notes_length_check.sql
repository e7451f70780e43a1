BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE customers ADD CONSTRAINT customers_notes_short CHECK (length(notes) < 1000) NOT VALID;
COMMIT;
ALTER TABLE customers VALIDATE CONSTRAINT customers_notes_short;
