-- Consistent month-end snapshot: nobody may change orders while we copy them.
BEGIN;
LOCK TABLE orders IN SHARE MODE;
CREATE TABLE orders_snapshot_2026_11 AS SELECT * FROM orders;
CREATE TABLE order_totals_2026_11 AS
    SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
COMMIT;
