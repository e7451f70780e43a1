-- char(2) pads and compares oddly in the ORM; use varchar like the rest of the schema.
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
