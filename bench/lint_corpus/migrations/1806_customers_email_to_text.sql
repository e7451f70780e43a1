-- We validate length in the application; drop the varchar(200) limit.
ALTER TABLE customers ALTER COLUMN email TYPE text;
