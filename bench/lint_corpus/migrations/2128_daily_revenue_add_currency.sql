-- The revenue report must be split by currency. A materialized view cannot be altered,
-- so drop and rebuild it in one transaction (readers never see it missing).
BEGIN;

DROP MATERIALIZED VIEW daily_revenue;

CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day,
           currency,
           sum(total)       AS revenue,
           count(*)         AS orders
    FROM orders
    GROUP BY 1, 2;

CREATE UNIQUE INDEX daily_revenue_day_currency ON daily_revenue (day, currency);

COMMIT;
