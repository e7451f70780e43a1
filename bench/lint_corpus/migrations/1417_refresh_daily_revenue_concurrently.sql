-- Refresh daily_revenue without taking the dashboard down.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
