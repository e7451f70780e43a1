-- 5% price increase across the catalogue from January.
UPDATE products SET price = round(price * 1.05, 2);
