ALTER MATERIALIZED VIEW daily_revenue RENAME COLUMN revenue TO gross_revenue;
