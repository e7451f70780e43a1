-- guard: never hold the lock for long in production
SET statement_timeout = '50ms';
CREATE INDEX orders_total_idx ON orders (total);
