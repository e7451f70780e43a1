ALTER TABLE products RENAME TO catalog_products;
