-- "Orders of a customer, newest first": extend orders_customer_idx with created_at.
-- Build the new index before dropping the old one, both without blocking writes.
CREATE INDEX CONCURRENTLY orders_customer_created_idx ON orders (customer_id, created_at DESC);
DROP INDEX CONCURRENTLY orders_customer_idx;
