-- Totals were corrected; refresh the revenue report.
REFRESH MATERIALIZED VIEW daily_revenue;
