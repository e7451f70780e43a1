-- Gift messages at checkout. Fail fast instead of queueing behind long transactions.
SET lock_timeout = '3s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN gift_message text;
RESET lock_timeout;
RESET statement_timeout;
