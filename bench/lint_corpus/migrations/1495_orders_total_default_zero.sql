-- New orders start with a zero total until lines are added.
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;
