UPDATE products SET title = 'Product number 42 (refurbished)' WHERE id = 42;
