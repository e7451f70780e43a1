SET lock_timeout = '3s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN refunded_at timestamp;
RESET lock_timeout;
RESET statement_timeout;
