-- Backfill currency for legacy orders that predate multi-currency
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
