-- Every order has a total since the 2024 checkout rewrite.
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
