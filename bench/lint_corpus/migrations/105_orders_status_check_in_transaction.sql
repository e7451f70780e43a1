BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ADD CONSTRAINT orders_status_known
    CHECK (status IN ('new', 'paid', 'shipped', 'cancelled', 'refunded'));
COMMIT;
