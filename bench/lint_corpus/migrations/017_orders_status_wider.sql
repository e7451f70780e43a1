-- 'partially_refunded' does not fit in 20 characters.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
