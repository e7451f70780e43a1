-- New status names are longer than 20 characters
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
