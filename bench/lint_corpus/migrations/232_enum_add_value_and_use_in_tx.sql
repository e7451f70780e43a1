-- Refunds get their own status; mark the old cancelled+paid orders as refunded.
CREATE TYPE payment_state AS ENUM ('pending', 'captured', 'cancelled');
ALTER TABLE orders ADD COLUMN payment_state payment_state;

BEGIN;
ALTER TYPE payment_state ADD VALUE 'refunded';
UPDATE orders SET payment_state = 'refunded' WHERE status = 'cancelled' AND id % 10 = 0;
COMMIT;
