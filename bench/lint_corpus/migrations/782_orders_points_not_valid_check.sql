-- Loyalty points earned per order; the range check applies to new rows now, old rows later.
ALTER TABLE orders
    ADD COLUMN points integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT orders_points_range CHECK (points BETWEEN 0 AND 100000) NOT VALID;
