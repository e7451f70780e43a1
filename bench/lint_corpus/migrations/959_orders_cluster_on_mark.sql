-- Only records which index a future CLUSTER should use; nothing is moved now.
ALTER TABLE orders CLUSTER ON orders_pkey;
