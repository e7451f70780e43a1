SET lock_timeout = '3s';
SET statement_timeout = '5min';
REFRESH MATERIALIZED VIEW daily_revenue;
