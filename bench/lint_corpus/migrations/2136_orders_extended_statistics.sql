-- The planner underestimates "status = 'shipped' AND shipped_at IS NOT NULL" because the
-- columns are correlated. Extended statistics fix the estimate; ANALYZE only reads.
CREATE STATISTICS IF NOT EXISTS orders_status_shipped_stats (dependencies, mcv)
    ON status, shipped_at FROM orders;
ANALYZE orders;
