DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shop_owner') THEN
        CREATE ROLE shop_owner NOLOGIN;
    END IF;
END
$$;
ALTER TABLE order_items OWNER TO shop_owner;
ALTER TABLE orders OWNER TO shop_owner;
