-- Set currency explicitly on every order, five batches by id.
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 1 AND 100000;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 100001 AND 200000;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 200001 AND 300000;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 300001 AND 400000;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 400001 AND 500000;
