-- daily_revenue v2: exclude cancelled orders. Build the new view aside, then swap names.
CREATE MATERIALIZED VIEW daily_revenue_v2 AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
      FROM orders
     WHERE status <> 'cancelled'
     GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_v2_day ON daily_revenue_v2 (day);

BEGIN;
ALTER MATERIALIZED VIEW daily_revenue RENAME TO daily_revenue_old;
ALTER MATERIALIZED VIEW daily_revenue_v2 RENAME TO daily_revenue;
ALTER INDEX daily_revenue_day RENAME TO daily_revenue_old_day;
ALTER INDEX daily_revenue_v2_day RENAME TO daily_revenue_day;
COMMIT;

DROP MATERIALIZED VIEW daily_revenue_old;
