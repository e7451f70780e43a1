-- Nightly refresh of the revenue view without blocking the dashboard.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
