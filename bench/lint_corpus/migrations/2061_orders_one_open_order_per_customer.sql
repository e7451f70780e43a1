-- Product wants at most one order per customer in the new subscription model.
CREATE UNIQUE INDEX CONCURRENTLY orders_customer_uniq ON orders (customer_id);
