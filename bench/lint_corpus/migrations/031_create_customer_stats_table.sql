CREATE TABLE customer_stats (customer_id bigint PRIMARY KEY, orders integer, spent numeric);
INSERT INTO customer_stats
SELECT customer_id, count(*), sum(total) FROM orders GROUP BY customer_id;
CREATE INDEX customer_stats_spent_idx ON customer_stats (spent);
