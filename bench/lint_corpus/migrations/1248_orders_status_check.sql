-- Only known order statuses are allowed.
ALTER TABLE orders ADD CONSTRAINT orders_status_known
    CHECK (status IN ('new', 'paid', 'shipped', 'cancelled', 'refunded'));
