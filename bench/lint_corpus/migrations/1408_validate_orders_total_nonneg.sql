-- Validate the orders_total_nonneg check added as NOT VALID last release.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
