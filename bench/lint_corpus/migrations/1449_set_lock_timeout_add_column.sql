-- Add orders.gift_message (lock_timeout so the deploy never queues behind a long query).
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS gift_message text;
RESET lock_timeout;
RESET statement_timeout;
