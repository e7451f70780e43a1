-- Old orders predate the currency column.
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
