-- Status codes are at most 10 characters; tighten the column.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(10);
