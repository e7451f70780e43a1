-- Finance needs the revenue view to include last night's corrections.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue;
