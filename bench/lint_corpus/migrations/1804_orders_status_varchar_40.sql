-- status values like 'partially_refunded' no longer fit in 20 chars
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
