-- notes moved to the CRM; drop the column (the app stopped reading it in 4.12).
ALTER TABLE customers DROP COLUMN IF EXISTS notes;
