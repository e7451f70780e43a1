-- Range scans on created_at for the monthly reports; rows arrive roughly in time order.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_brin
    ON orders USING brin (created_at) WITH (pages_per_range = 32);
