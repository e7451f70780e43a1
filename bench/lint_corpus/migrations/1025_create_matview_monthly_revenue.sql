CREATE MATERIALIZED VIEW monthly_revenue AS
SELECT date_trunc('month', created_at) AS month, currency, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE status <> 'cancelled'
GROUP BY 1, 2;
CREATE UNIQUE INDEX monthly_revenue_month_currency ON monthly_revenue (month, currency);
