SET lock_timeout = '5s';

ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')) NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
