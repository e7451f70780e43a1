-- The old negative totals were fixed by the support team last week; enforce for all rows now.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
