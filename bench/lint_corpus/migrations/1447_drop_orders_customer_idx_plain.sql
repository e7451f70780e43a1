-- Remove the redundant single-column customer index on orders.
DROP INDEX orders_customer_idx;
