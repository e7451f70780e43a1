-- Supplier catalogue import: load into an unlogged staging table, then make it durable.
CREATE UNLOGGED TABLE supplier_products (
    supplier_sku text PRIMARY KEY,
    product_id integer,
    cost numeric(10,2)
);

INSERT INTO supplier_products (supplier_sku, product_id, cost)
SELECT 'SUP-' || id, id, round(price * 0.6, 2) FROM products;

ALTER TABLE supplier_products SET LOGGED;
