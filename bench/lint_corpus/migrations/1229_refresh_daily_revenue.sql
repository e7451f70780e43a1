-- Refresh daily revenue after backfilling last month's totals.
REFRESH MATERIALIZED VIEW daily_revenue;
