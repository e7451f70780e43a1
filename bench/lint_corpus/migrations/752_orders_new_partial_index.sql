-- The dispatcher polls new orders only; a small partial index is all it needs.
CREATE INDEX orders_new_idx ON orders (created_at) WHERE status = 'new';
