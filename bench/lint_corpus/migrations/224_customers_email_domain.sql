-- One definition of a valid e-mail address, shared by every table that stores one.
CREATE DOMAIN email_address AS varchar(254)
    CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');

ALTER TABLE customers ALTER COLUMN email TYPE email_address;
