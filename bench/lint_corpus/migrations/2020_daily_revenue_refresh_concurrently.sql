-- nightly: refresh revenue without blocking the dashboard (daily_revenue_day is unique)
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
