-- Validate the non-negative total check that was added NOT VALID
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
