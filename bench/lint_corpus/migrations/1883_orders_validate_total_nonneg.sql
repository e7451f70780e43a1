-- orders_total_nonneg was added NOT VALID last release; validate it now
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
