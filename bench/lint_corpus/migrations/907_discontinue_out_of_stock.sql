UPDATE products SET discontinued = true WHERE stock = 0 AND NOT discontinued;
