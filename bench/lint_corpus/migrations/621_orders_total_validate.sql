-- orders_total_nonneg was added NOT VALID last quarter; finish the job.
-- VALIDATE only takes SHARE UPDATE EXCLUSIVE, so reads and writes continue.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
