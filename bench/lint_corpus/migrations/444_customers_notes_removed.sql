-- Notes moved to the CRM in release 3.2.
ALTER TABLE customers DROP COLUMN notes;
