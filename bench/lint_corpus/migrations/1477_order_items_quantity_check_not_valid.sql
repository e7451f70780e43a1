-- Order lines must have a positive quantity (validated by the follow-up migration).
ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_positive CHECK (quantity > 0) NOT VALID;
