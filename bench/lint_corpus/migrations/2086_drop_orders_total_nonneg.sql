-- refunds are stored as negative totals now
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_nonneg;
