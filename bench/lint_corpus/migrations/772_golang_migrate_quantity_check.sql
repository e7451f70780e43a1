-- 000772_order_items_quantity_positive.up.sql
ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_positive CHECK (quantity > 0);
