-- orders_total_nonneg was added NOT VALID last release; all old rows are fixed now.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
