-- Every order has a total now; enforce it.
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
