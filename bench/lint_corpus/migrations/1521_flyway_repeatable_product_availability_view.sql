-- Flyway R__product_availability.sql: availability view used by the storefront.
CREATE OR REPLACE VIEW product_availability AS
SELECT p.id, p.sku, p.stock,
       CASE WHEN p.discontinued THEN 'discontinued'
            WHEN p.stock = 0 THEN 'out_of_stock'
            WHEN p.stock < 10 THEN 'low'
            ELSE 'in_stock' END AS availability
FROM products p;
