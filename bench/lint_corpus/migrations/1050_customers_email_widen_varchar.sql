-- RFC 5321 allows 254 characters.
ALTER TABLE customers ALTER COLUMN email TYPE varchar(254);
