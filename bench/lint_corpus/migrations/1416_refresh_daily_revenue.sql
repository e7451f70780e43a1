-- Rebuild daily_revenue after correcting historical totals.
REFRESH MATERIALIZED VIEW daily_revenue;
