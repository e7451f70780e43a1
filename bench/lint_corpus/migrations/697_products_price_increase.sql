-- 2027 price list: +5% on everything still sold.
UPDATE products SET price = round(price * 1.05, 2) WHERE NOT discontinued;
