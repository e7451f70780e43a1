-- Nightly numbers were stale after the currency fix; refresh the view now.
REFRESH MATERIALIZED VIEW daily_revenue;
