-- A shared domain for e-mail addresses; customers.email moves onto it.
CREATE DOMAIN email_address AS varchar(254) CHECK (VALUE LIKE '%_@_%');
ALTER TABLE customers ALTER COLUMN email TYPE email_address;
