-- The mail provider rejects addresses longer than 120 characters anyway.
ALTER TABLE customers ALTER COLUMN email TYPE varchar(120);
