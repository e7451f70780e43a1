-- Notes are shown in a fixed-width admin field.
ALTER TABLE customers ALTER COLUMN notes TYPE varchar(500);
