-- Refresh the revenue report without blocking the dashboard
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
