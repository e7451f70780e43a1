CREATE OR REPLACE FUNCTION order_total(p_order bigint) RETURNS numeric
LANGUAGE sql STABLE AS $$
    SELECT sum(quantity * unit_price) FROM order_items WHERE order_id = p_order
$$;
