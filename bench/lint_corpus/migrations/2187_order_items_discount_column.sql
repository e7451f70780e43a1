SET lock_timeout = '3s';
SET statement_timeout = '15s';

-- Line-level discounts (promotion engine v2).
ALTER TABLE order_items ADD COLUMN discount numeric(10,2);
ALTER TABLE order_items ADD CONSTRAINT order_items_discount_nonneg CHECK (discount >= 0) NOT VALID;
