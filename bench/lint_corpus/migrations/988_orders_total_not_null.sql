-- every order has a total since the checkout rewrite
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
