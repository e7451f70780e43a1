-- orders.total is always computed at checkout; enforce it.
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
