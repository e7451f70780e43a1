-- Precomputed per-customer statistics for the CRM export.
CREATE TABLE customer_stats (
    customer_id bigint PRIMARY KEY REFERENCES customers (id),
    order_count integer NOT NULL,
    lifetime_value numeric(14,2) NOT NULL,
    last_order_at timestamp
);

INSERT INTO customer_stats (customer_id, order_count, lifetime_value, last_order_at)
SELECT customer_id, count(*), coalesce(sum(total), 0), max(created_at)
FROM orders
GROUP BY customer_id;
