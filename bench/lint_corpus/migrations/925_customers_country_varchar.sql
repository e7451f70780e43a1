-- char(2) pads; varchar(2) is what the ORM maps to
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
