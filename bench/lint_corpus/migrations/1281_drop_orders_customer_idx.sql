-- The new (customer_id, created_at) index covers this one; drop it.
DROP INDEX orders_customer_idx;
