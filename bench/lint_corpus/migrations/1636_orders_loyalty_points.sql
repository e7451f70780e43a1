-- Loyalty points earned per order, zero for existing orders
ALTER TABLE orders ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0;
