-- ISO country codes: char(2) -> varchar(2) to match the address service.
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
