-- Helper used by the invoice service to recompute an order's total from its lines.
CREATE OR REPLACE FUNCTION order_lines_total(p_order_id bigint)
RETURNS numeric
LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(quantity * unit_price), 0)
    FROM order_items
    WHERE order_id = p_order_id
$$;

CREATE OR REPLACE VIEW order_total_mismatch AS
SELECT o.id, o.total, order_lines_total(o.id) AS lines_total
FROM orders o
WHERE o.total IS DISTINCT FROM order_lines_total(o.id);
