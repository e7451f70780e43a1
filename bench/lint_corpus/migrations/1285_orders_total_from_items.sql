-- Recompute order totals from their lines (the rounding bug in 4.2 left some wrong).
UPDATE orders o
SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total
      FROM order_items GROUP BY order_id) s
WHERE o.id = s.order_id;
