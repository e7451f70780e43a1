-- Mark products with zero stock as discontinued (catalogue clean-up).
UPDATE products SET discontinued = true WHERE stock = 0;
