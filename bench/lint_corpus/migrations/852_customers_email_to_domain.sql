CREATE DOMAIN email_address AS varchar(200)
    CHECK (position('@' IN VALUE) > 1);
ALTER TABLE customers ALTER COLUMN email TYPE email_address;
