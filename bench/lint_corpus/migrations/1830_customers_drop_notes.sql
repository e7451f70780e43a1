-- notes moved to the CRM
ALTER TABLE customers DROP COLUMN notes;
