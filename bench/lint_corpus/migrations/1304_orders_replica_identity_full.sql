-- The CDC pipeline needs old row images for orders.
ALTER TABLE orders REPLICA IDENTITY FULL;
