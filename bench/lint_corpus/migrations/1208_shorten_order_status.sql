-- Status values are short codes; cap the column at 10 characters to match the API schema.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(10);
