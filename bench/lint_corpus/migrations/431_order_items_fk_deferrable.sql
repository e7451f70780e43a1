-- The order import writes lines before their order header inside one transaction.
ALTER TABLE order_items
    ALTER CONSTRAINT order_items_order_id_fkey DEFERRABLE INITIALLY DEFERRED;
