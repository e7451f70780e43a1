-- V58__order_items_quantity_positive.sql + V59__validate.sql, run back to back, autocommit
ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_positive CHECK (quantity > 0) NOT VALID;

ALTER TABLE order_items VALIDATE CONSTRAINT order_items_quantity_positive;
