-- Monthly revenue materialized view for the finance dashboard.
CREATE MATERIALIZED VIEW IF NOT EXISTS monthly_revenue AS
SELECT date_trunc('month', created_at) AS month, currency, sum(total) AS revenue, count(*) AS orders
FROM orders GROUP BY 1, 2
WITH DATA;
CREATE UNIQUE INDEX IF NOT EXISTS monthly_revenue_month_currency ON monthly_revenue (month, currency);
