-- lock_timeout so we never queue behind a long transaction
SET lock_timeout = '3s';
CREATE INDEX orders_status_idx ON orders (status);
