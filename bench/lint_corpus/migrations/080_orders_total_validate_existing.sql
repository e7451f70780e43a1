-- orders_total_nonneg was added NOT VALID last release; all rows are clean now.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
