-- Order timestamps were written in UTC; make the column time-zone aware.
-- (daily_revenue depends on created_at: drop it and build it again in the same transaction)
BEGIN;
SET LOCAL timezone = 'UTC';
DROP MATERIALIZED VIEW IF EXISTS daily_revenue;
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC';
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, sum(total) AS revenue, count(*) AS orders
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
COMMIT;
