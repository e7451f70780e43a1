-- The negative-total cleanup is done; validate the constraint added last quarter.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
