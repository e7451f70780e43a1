-- All customers have a country since the signup form change.
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
