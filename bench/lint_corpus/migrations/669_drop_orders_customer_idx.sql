-- orders_customer_idx is superseded by the composite index; drop it.
SET lock_timeout = '2s';
DROP INDEX IF EXISTS orders_customer_idx;
