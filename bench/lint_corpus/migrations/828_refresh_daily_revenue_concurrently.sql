-- daily_revenue has a unique index on day, so it can be refreshed without blocking readers.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
