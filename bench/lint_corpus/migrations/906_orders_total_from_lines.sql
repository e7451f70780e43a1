-- Recompute totals from the lines after the rounding bug.
UPDATE orders o
SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.total IS DISTINCT FROM s.total;
