-- char(2) pads and compares oddly; use varchar(2).
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
