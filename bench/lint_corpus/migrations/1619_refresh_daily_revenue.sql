-- Nightly job moved into a migration: refresh the revenue report
REFRESH MATERIALIZED VIEW daily_revenue;
