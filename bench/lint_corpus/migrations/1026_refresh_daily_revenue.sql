-- nightly job turned into a one-off after the data fix
REFRESH MATERIALIZED VIEW daily_revenue;
