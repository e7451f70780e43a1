-- Top days by revenue on the dashboard.
CREATE INDEX daily_revenue_revenue_idx ON daily_revenue (revenue DESC);
