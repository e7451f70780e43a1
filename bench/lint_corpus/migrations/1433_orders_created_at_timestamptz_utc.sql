-- Convert orders.created_at to timestamptz (values were always UTC); daily_revenue depends on it, so rebuild it.
BEGIN;
SET LOCAL timezone = 'UTC';
DROP MATERIALIZED VIEW daily_revenue;
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
