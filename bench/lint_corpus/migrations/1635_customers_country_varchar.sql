-- Use varchar for country codes like the rest of the schema
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
