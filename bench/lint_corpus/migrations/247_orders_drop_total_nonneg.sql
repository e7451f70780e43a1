-- Credit notes are stored as negative orders now.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_nonneg;
