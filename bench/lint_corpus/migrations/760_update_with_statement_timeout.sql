-- Recompute totals, but never hold row locks for more than 200ms in production.
SET statement_timeout = '200ms';
UPDATE orders o
SET total = s.sum_lines
FROM (SELECT order_id, sum(quantity * unit_price) AS sum_lines
      FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.total IS DISTINCT FROM s.sum_lines;
