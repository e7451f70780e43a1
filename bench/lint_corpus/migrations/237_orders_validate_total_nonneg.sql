-- orders_total_nonneg was added NOT VALID last quarter; all rows are clean now, validate it.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
