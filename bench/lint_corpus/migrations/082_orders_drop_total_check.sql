ALTER TABLE orders DROP CONSTRAINT orders_total_nonneg;
