-- Status values are at most 10 characters.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(10);
