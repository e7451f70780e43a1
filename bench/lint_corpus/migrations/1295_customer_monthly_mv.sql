-- Materialized view of orders per customer per month for the CRM export.
CREATE MATERIALIZED VIEW customer_monthly_orders AS
SELECT customer_id, date_trunc('month', created_at) AS month, count(*) AS orders, sum(total) AS spent
FROM orders
GROUP BY 1, 2;
CREATE UNIQUE INDEX customer_monthly_orders_key ON customer_monthly_orders (customer_id, month);
