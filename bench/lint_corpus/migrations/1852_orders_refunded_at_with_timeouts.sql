SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ADD COLUMN refunded_at timestamptz;
RESET statement_timeout;
RESET lock_timeout;
