SET lock_timeout = '2s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN refunded_total numeric(12,2);
RESET statement_timeout;
RESET lock_timeout;
