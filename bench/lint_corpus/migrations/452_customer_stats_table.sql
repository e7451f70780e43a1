-- Precomputed per-customer statistics for the account page.
CREATE TABLE customer_stats (
    customer_id  bigint PRIMARY KEY REFERENCES customers (id),
    order_count  integer NOT NULL,
    total_spent  numeric(14,2) NOT NULL,
    first_order  timestamp,
    last_order   timestamp
);

INSERT INTO customer_stats (customer_id, order_count, total_spent, first_order, last_order)
SELECT customer_id, count(*), coalesce(sum(total), 0), min(created_at), max(created_at)
  FROM orders
 GROUP BY customer_id;

ANALYZE customer_stats;
