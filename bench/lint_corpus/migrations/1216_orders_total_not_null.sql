-- total is always computed at checkout now; enforce it.
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
