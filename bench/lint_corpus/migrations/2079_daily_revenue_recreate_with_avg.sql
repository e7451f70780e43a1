-- Add the average order value to the revenue dashboard.
BEGIN;
DROP MATERIALIZED VIEW daily_revenue;
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders,
           avg(total) AS avg_order_value
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
