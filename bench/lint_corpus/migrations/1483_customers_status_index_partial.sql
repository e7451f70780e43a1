-- Partial index over blocked customers for the fraud review queue.
CREATE INDEX customers_blocked_idx ON customers (created_at) WHERE status <> 'active';
