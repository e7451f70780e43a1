-- RFC 5321 allows 254 characters; some corporate addresses hit our 200 limit.
ALTER TABLE customers ALTER COLUMN email TYPE varchar(254);
