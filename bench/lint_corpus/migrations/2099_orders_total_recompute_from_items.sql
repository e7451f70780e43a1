-- Totals drifted from the lines after the 2026 tax bug: recompute all of them.
WITH sums AS (
    SELECT order_id, sum(quantity * unit_price) AS s
    FROM order_items
    GROUP BY order_id
)
UPDATE orders o
SET total = sums.s
FROM sums
WHERE o.id = sums.order_id
  AND o.total IS DISTINCT FROM sums.s;
