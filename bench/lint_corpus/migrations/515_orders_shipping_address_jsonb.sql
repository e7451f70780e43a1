-- Shipping address snapshot at checkout time.
ALTER TABLE orders ADD COLUMN shipping_address jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE orders ADD COLUMN billing_address jsonb;
