-- Money as integer cents for the payment provider integration.
ALTER TABLE orders ADD COLUMN total_cents bigint;
UPDATE orders SET total_cents = round(total * 100)::bigint;
