-- daily_revenue has a unique index on day, so it can refresh without blocking readers.
SET statement_timeout = 0;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
