-- Backfilled orders from the marketplace import are missing from the revenue report.
REFRESH MATERIALIZED VIEW daily_revenue;
