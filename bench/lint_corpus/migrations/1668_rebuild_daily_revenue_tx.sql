-- Add order count by currency to the revenue report (recreate the materialized view)
BEGIN;
DROP MATERIALIZED VIEW daily_revenue;
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders,
           count(*) FILTER (WHERE currency <> 'EUR') AS foreign_orders
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
