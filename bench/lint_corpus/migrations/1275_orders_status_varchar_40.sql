-- Status codes from the new payment provider are longer; widen orders.status to 40 characters.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
