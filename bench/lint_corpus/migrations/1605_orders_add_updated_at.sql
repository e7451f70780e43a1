-- Track when an order was last modified
ALTER TABLE orders ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
