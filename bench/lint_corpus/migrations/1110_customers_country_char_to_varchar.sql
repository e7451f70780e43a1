ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
