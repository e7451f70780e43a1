-- shipped_at can't be before created_at.
ALTER TABLE orders ADD CONSTRAINT orders_ship_after_create
    CHECK (shipped_at IS NULL OR shipped_at >= created_at) NOT VALID;
ALTER TABLE orders ALTER COLUMN shipped_at SET DEFAULT NULL;
