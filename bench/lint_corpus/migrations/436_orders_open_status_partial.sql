-- The picking queue only ever looks at open orders.
CREATE INDEX CONCURRENTLY orders_open_idx
    ON orders (created_at)
    WHERE status IN ('new', 'paid');
