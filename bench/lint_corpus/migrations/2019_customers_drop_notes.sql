-- notes moved to the CRM; drop the column
ALTER TABLE customers DROP COLUMN IF EXISTS notes;
