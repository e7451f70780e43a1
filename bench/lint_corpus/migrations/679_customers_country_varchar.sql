-- country: char(2) pads and compares oddly in the ORM; switch to varchar(2).
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
