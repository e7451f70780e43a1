-- Recompute order totals from their lines, with orders locked so nobody edits them meanwhile.
BEGIN;
LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;
UPDATE orders o SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.total IS DISTINCT FROM s.total;
COMMIT;
