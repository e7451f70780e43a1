CREATE OR REPLACE FUNCTION customer_order_count(p_customer bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$ SELECT count(*) FROM orders WHERE customer_id = p_customer $$;
REVOKE ALL ON FUNCTION customer_order_count(bigint) FROM PUBLIC;
