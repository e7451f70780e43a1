-- Ops: mark very old unshipped orders as cancelled, a slice at a time
UPDATE orders SET status = 'cancelled' WHERE id BETWEEN 1 AND 5000 AND status = 'new' AND shipped_at IS NULL;
UPDATE orders SET status = 'cancelled' WHERE id BETWEEN 5001 AND 10000 AND status = 'new' AND shipped_at IS NULL;
UPDATE orders SET status = 'cancelled' WHERE id BETWEEN 10001 AND 15000 AND status = 'new' AND shipped_at IS NULL;
UPDATE orders SET status = 'cancelled' WHERE id BETWEEN 15001 AND 20000 AND status = 'new' AND shipped_at IS NULL;
