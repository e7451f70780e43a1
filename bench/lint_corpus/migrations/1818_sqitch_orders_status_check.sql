-- Deploy shop:orders_status_check to pg
-- requires: orders

BEGIN;

ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('new', 'paid', 'shipped', 'cancelled'));

COMMIT;
