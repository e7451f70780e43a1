-- Guard against the shipping webhook writing timestamps before the order existed.
ALTER TABLE orders ADD CONSTRAINT orders_shipped_after_created
    CHECK (shipped_at IS NULL OR shipped_at >= created_at) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_shipped_after_created;
