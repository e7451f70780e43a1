-- Status codes are at most 16 characters; tighten the column to match the API schema.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(16);
