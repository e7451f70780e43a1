-- BI tool gets its own schema with stable views.
CREATE SCHEMA IF NOT EXISTS reporting;

CREATE OR REPLACE VIEW reporting.orders_by_country AS
SELECT c.country, date_trunc('month', o.created_at) AS month,
       count(*) AS orders, sum(o.total) AS revenue
FROM orders o
JOIN customers c ON c.id = o.customer_id
GROUP BY 1, 2;

CREATE OR REPLACE VIEW reporting.top_products AS
SELECT p.id, p.sku, p.title, sum(oi.quantity) AS units
FROM order_items oi
JOIN products p ON p.id = oi.product_id
GROUP BY p.id, p.sku, p.title;
