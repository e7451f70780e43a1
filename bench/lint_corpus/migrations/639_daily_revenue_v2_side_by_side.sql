-- New version of the revenue view, built next to the old one, unpopulated;
-- the reporting job populates it off-hours and switches to it.
CREATE MATERIALIZED VIEW daily_revenue_v2 AS
    SELECT created_at::date AS day, currency,
           sum(total) AS revenue, count(*) AS orders
    FROM orders
    GROUP BY 1, 2
WITH NO DATA;
CREATE UNIQUE INDEX daily_revenue_v2_day_currency ON daily_revenue_v2 (day, currency);
COMMENT ON MATERIALIZED VIEW daily_revenue_v2 IS 'per-currency daily revenue; refreshed by cron';
