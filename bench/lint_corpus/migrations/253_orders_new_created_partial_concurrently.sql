-- The fulfilment dashboard lists new orders by age.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_new_created_at_idx
    ON orders (created_at)
    WHERE status = 'new';
