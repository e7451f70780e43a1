-- The fulfilment dashboard lists open orders by age.
-- Only 'new' and 'paid' orders are open, so a partial index stays small.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_open_created_at_idx
    ON orders (created_at)
    WHERE status IN ('new', 'paid');
