-- Old orders without a currency are EUR.
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
