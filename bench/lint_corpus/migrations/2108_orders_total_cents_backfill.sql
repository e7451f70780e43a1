-- Move money to integer cents (step 1 of 3): add the column and fill it.
ALTER TABLE orders ADD COLUMN total_cents bigint;

UPDATE orders SET total_cents = round(total * 100)::bigint;
