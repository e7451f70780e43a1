-- Nightly job moved into the deploy after the currency fix.
REFRESH MATERIALIZED VIEW daily_revenue;
