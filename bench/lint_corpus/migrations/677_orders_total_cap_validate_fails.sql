-- Fraud rule: no single order above 900.00 (added NOT VALID, then validated).
ALTER TABLE orders ADD CONSTRAINT orders_total_cap CHECK (total < 900) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_cap;
