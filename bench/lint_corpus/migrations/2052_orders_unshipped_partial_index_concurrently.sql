-- The picking list only looks at orders that have not shipped yet.
CREATE INDEX CONCURRENTLY orders_unshipped_idx
    ON orders (created_at)
    WHERE shipped_at IS NULL;
