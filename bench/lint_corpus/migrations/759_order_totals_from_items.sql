-- Recompute order totals from their lines (the old checkout rounded per line).
UPDATE orders o
SET total = s.sum_lines
FROM (SELECT order_id, sum(quantity * unit_price) AS sum_lines
      FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.total IS DISTINCT FROM s.sum_lines;
