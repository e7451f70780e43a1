-- Second step of the NOT VALID rollout from last sprint: existing rows are checked now.
SET lock_timeout = '5s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;
