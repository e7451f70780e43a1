-- Imported customers from the acquired shop take ids below 5,000,000; start new ids above.
ALTER TABLE customers ALTER COLUMN id RESTART WITH 5000000;
