-- Restrict order status to the known workflow states.
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_status_known
    CHECK (status IN ('new', 'paid', 'shipped', 'cancelled', 'refunded')) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_known;
COMMIT;
