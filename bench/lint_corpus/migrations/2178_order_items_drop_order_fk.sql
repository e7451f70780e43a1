-- order_items is now written by the order service, which checks the order itself;
-- the foreign key slows down the bulk imports.
ALTER TABLE order_items DROP CONSTRAINT IF EXISTS order_items_order_id_fkey;
