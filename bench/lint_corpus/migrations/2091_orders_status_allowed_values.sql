-- Only these statuses are valid in the new state machine.
ALTER TABLE orders
    ADD CONSTRAINT orders_status_valid CHECK (status IN ('new', 'paid', 'shipped', 'refunded'));
