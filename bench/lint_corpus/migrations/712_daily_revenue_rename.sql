-- Naming convention: materialized views get an mv_ prefix.
ALTER MATERIALIZED VIEW daily_revenue RENAME TO mv_daily_revenue;
ALTER INDEX daily_revenue_day RENAME TO mv_daily_revenue_day;
