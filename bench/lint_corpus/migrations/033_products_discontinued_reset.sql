UPDATE products SET discontinued = false;
