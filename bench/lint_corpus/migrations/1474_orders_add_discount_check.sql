-- Discounts can never exceed the order total.
ALTER TABLE orders ADD COLUMN discount numeric(12,2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD CONSTRAINT orders_discount_le_total CHECK (discount <= coalesce(total, 0));
