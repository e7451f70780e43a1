-- Validate email format at the database level with a domain type.
CREATE DOMAIN email_address AS varchar(200)
    CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
ALTER TABLE customers ALTER COLUMN email TYPE email_address;
