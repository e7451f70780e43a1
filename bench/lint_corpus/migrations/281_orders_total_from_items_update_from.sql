-- Recompute every order total from its lines (the pricing bug of March).
UPDATE orders o
SET total = s.sum_total
FROM (
    SELECT order_id, sum(quantity * unit_price) AS sum_total
    FROM order_items
    GROUP BY order_id
) s
WHERE s.order_id = o.id;
