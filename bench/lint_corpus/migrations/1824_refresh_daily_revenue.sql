-- refresh the revenue rollup after fixing historical totals
REFRESH MATERIALIZED VIEW daily_revenue;
