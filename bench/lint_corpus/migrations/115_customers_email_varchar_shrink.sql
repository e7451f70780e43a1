-- Nobody has an address longer than 120 characters.
ALTER TABLE customers ALTER COLUMN email TYPE varchar(120);
