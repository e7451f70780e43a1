-- Some currencies (KWD, BHD) need three decimal places.
-- daily_revenue reads orders.total, so it has to be dropped and rebuilt around the change.
BEGIN;
DROP MATERIALIZED VIEW daily_revenue;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,3);
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
