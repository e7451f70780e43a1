ALTER TABLE orders ADD CONSTRAINT orders_ship_after_create
    CHECK (shipped_at IS NULL OR shipped_at >= created_at);
