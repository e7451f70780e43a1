-- orders_total_nonneg was added NOT VALID two releases ago; the negative totals have been
-- fixed since. VALIDATE only takes SHARE UPDATE EXCLUSIVE: reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
