-- Guarded with statement_timeout: if it takes too long, it is rolled back.
SET statement_timeout = '20s';
UPDATE order_items SET unit_price = round(unit_price, 1) WHERE unit_price <> round(unit_price, 1);
