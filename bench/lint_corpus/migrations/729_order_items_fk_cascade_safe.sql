-- Deleting an order should delete its lines. Swap the FK for an ON DELETE CASCADE one:
-- new constraint NOT VALID, drop the old one, validate outside the exclusive lock.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE order_items ADD CONSTRAINT order_items_order_id_cascade_fkey
    FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE order_items DROP CONSTRAINT order_items_order_id_fkey;
COMMIT;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_order_id_cascade_fkey;
