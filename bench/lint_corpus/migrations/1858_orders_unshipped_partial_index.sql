-- fulfilment dashboard: unshipped orders by age
CREATE INDEX CONCURRENTLY orders_unshipped_created_idx ON orders (created_at) WHERE shipped_at IS NULL;
