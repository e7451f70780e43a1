-- notes moved to the CRM: drop it and give the space back.
ALTER TABLE customers DROP COLUMN notes;
VACUUM FULL customers;
