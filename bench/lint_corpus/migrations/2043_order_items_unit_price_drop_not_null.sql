-- Free samples have no price.
ALTER TABLE order_items ALTER COLUMN unit_price DROP NOT NULL;
