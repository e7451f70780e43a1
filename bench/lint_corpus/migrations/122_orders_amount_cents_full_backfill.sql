ALTER TABLE orders ADD COLUMN total_cents bigint;
-- every order has a total, so this touches every row in one statement
UPDATE orders SET total_cents = round(total * 100) WHERE total IS NOT NULL;
