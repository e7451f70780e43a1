-- Helper used by the invoice service.
CREATE OR REPLACE FUNCTION order_total(p_order_id bigint)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(sum(quantity * unit_price), 0)
    FROM order_items
    WHERE order_id = p_order_id
$$;
COMMENT ON FUNCTION order_total(bigint) IS 'sum of the lines of one order';
