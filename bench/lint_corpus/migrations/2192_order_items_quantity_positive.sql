-- Quantity must be positive. Added NOT VALID and validated right away in the same
-- revision (the migration runner wraps each revision in one transaction).
BEGIN;
ALTER TABLE order_items
    ADD CONSTRAINT order_items_quantity_positive CHECK (quantity > 0) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_quantity_positive;
COMMIT;
