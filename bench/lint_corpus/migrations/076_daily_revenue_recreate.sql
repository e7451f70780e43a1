BEGIN;
DROP MATERIALIZED VIEW daily_revenue;
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders,
           count(DISTINCT customer_id) AS customers
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
