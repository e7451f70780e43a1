CREATE TABLE products_archive AS SELECT * FROM products WHERE discontinued;
ALTER TABLE products_archive ADD PRIMARY KEY (id);
